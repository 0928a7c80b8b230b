package dev.wasm2jar.wasi;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A plain HTTP/1.1 client on one keep-alive connection, for the server guests' tests: what a test sends is exact. */
final class HttpClient implements AutoCloseable {
    /** A response: its status, its body, and whether the server said it closes the connection. */
    record Response(int status, String body, boolean closes) {}

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    HttpClient(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(30_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** Sends bytes as they are. */
    void send(String raw) throws IOException {
        send(raw.getBytes(StandardCharsets.UTF_8));
    }

    void send(byte[] raw) throws IOException {
        out.write(raw);
        out.flush();
    }

    static String request(String method, String path, String body) {
        return method + " " + path + " HTTP/1.1\r\nHost: localhost\r\ncontent-length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    Response call(String method, String path, String body) throws IOException {
        send(request(method, path, body));
        return read();
    }

    /** Reads one response; null when the server closed the connection first. */
    Response read() throws IOException {
        String head = head();
        if (head == null) {
            return null;
        }
        int status = Integer.parseInt(head.substring(9, 12));
        int length = 0;
        boolean closes = false;
        for (String line : head.split("\r\n")) {
            String lower = line.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            } else if (lower.equals("connection: close")) {
                closes = true;
            }
        }
        return new Response(status, new String(in.readNBytes(length), StandardCharsets.UTF_8), closes);
    }

    private String head() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (true) {
            int c = in.read();
            if (c < 0) {
                return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
            }
            b.write(c);
            byte[] sofar = b.toByteArray();
            int n = sofar.length;
            if (n >= 4 && sofar[n - 4] == '\r' && sofar[n - 3] == '\n' && sofar[n - 2] == '\r' && sofar[n - 1] == '\n') {
                return b.toString(StandardCharsets.ISO_8859_1);
            }
        }
    }

    /** Whether the server closed the connection (reads its end within the socket's timeout). */
    boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (java.net.SocketException e) {
            return true; // reset
        }
    }

    Socket socket() {
        return socket;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
