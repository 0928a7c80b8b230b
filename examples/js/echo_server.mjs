// An HTTP echo server in Node's http API: each request is answered with the body it carried. The same file runs
// under Node (node echo_server.mjs) and under WasmEdge's QuickJS runtime (README.md, "JavaScript services").
import { createServer } from 'http';

const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
        // WasmEdge's http module closes the connection once the request is read: say so to the client.
        res.setHeader('Connection', 'close');
        res.end(chunks.join(''));
    });
});
server.listen(8080, () => console.log('echo server listening on port 8080'));
