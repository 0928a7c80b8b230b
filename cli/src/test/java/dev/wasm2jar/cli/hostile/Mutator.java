package dev.wasm2jar.cli.hostile;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Makes hostile variants of a valid module: truncated, bit-flipped, bytes inserted or deleted, or a count (a
 * section's size, a vector's length, a function's locals) inflated. The same {@link Random} gives the same mutant.
 */
final class Mutator {
    /** A mutant and what was done to make it. */
    record Mutant(byte[] bytes, String mutation) {}

    /** Counts that break naive decoders: sign bits, the 32-bit limit, sizes that overflow when multiplied. */
    private static final long[] HUGE = {0x7FFF_FFFFL, 0x8000_0000L, 0xFFFF_FFFFL, 0x1000_0000L, 65_536L, 1_000_000L};

    private Mutator() {}

    static Mutant mutate(byte[] wasm, Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> truncate(wasm, random);
            case 1 -> flipBits(wasm, random);
            case 2 -> insert(wasm, random);
            case 3 -> delete(wasm, random);
            default -> inflateCount(wasm, random);
        };
    }

    private static Mutant truncate(byte[] wasm, Random random) {
        int length = random.nextInt(wasm.length);
        return new Mutant(Arrays.copyOf(wasm, length), "truncate to " + length);
    }

    private static Mutant flipBits(byte[] wasm, Random random) {
        byte[] bytes = wasm.clone();
        StringBuilder what = new StringBuilder("flip");
        for (int n = 1 + random.nextInt(4); n > 0; n--) {
            int at = 8 + random.nextInt(Math.max(1, bytes.length - 8)); // past the header, where decoding is
            at = Math.min(at, bytes.length - 1);
            int bit = random.nextInt(8);
            bytes[at] ^= (byte) (1 << bit);
            what.append(" bit ").append(bit).append('@').append(at);
        }
        return new Mutant(bytes, what.toString());
    }

    private static Mutant insert(byte[] wasm, Random random) {
        int at = random.nextInt(wasm.length + 1);
        byte[] inserted = new byte[1 + random.nextInt(4)];
        random.nextBytes(inserted);
        return new Mutant(splice(wasm, at, 0, inserted),
                "insert " + java.util.HexFormat.of().formatHex(inserted) + " @" + at);
    }

    private static Mutant delete(byte[] wasm, Random random) {
        int at = random.nextInt(wasm.length);
        int length = Math.min(1 + random.nextInt(4), wasm.length - at);
        return new Mutant(splice(wasm, at, length, new byte[0]), "delete " + length + " @" + at);
    }

    /**
     * Replaces a count with a huge one: a section's size (the section then claims more than the module holds), the
     * first vector length inside a section, or a function's first local-group count. Section sizes around a grown
     * count are fixed, so the decoder meets the count itself and not a mismatched size.
     */
    private static Mutant inflateCount(byte[] wasm, Random random) {
        List<int[]> sections = sections(wasm); // {id, size offset, content offset, content end}
        if (sections.isEmpty()) {
            return truncate(wasm, random);
        }
        int[] section = sections.get(random.nextInt(sections.size()));
        long huge = random.nextBoolean() ? HUGE[random.nextInt(HUGE.length)] : 1 + (random.nextLong() & 0xFFFF_FFFFL);
        int kind = random.nextInt(3);
        if (kind == 0 || section[2] >= section[3]) {
            int end = section[2];
            return new Mutant(splice(wasm, section[1], end - section[1], leb(huge)),
                    "section " + section[0] + " size := " + huge);
        }
        int countAt = section[2];
        if (section[0] == 0) { // custom: its name's length
            countAt = section[2];
        } else if (kind == 2 && section[0] == 10) { // code: the first body's first local-group count
            int p = section[2];
            p = skipLeb(wasm, p); // number of bodies
            p = skipLeb(wasm, p); // body size
            int localGroups = p;
            if (localGroups < section[3] && readLeb(wasm, localGroups) > 0) {
                countAt = skipLeb(wasm, localGroups);
            }
        }
        if (countAt >= section[3]) {
            return truncate(wasm, random);
        }
        int countEnd = skipLeb(wasm, countAt);
        byte[] grown = splice(wasm, countAt, countEnd - countAt, leb(huge));
        int delta = grown.length - wasm.length;
        int oldSize = section[3] - section[2];
        byte[] sized = splice(grown, section[1], section[2] - section[1], leb(oldSize + delta));
        return new Mutant(sized, "section " + section[0] + " count@" + countAt + " := " + huge);
    }

    /** The top-level sections: {id, offset of the size, offset of the content, end of the content}. */
    private static List<int[]> sections(byte[] wasm) {
        List<int[]> sections = new ArrayList<>();
        int p = 8;
        while (p < wasm.length) {
            int id = wasm[p] & 0xFF;
            int sizeAt = p + 1;
            if (sizeAt >= wasm.length) {
                break;
            }
            long size = readLeb(wasm, sizeAt);
            int content = skipLeb(wasm, sizeAt);
            if (size < 0 || content + size > wasm.length) {
                break;
            }
            sections.add(new int[] {id, sizeAt, content, (int) (content + size)});
            p = (int) (content + size);
        }
        return sections;
    }

    private static long readLeb(byte[] bytes, int at) {
        long value = 0;
        for (int shift = 0; at < bytes.length && shift < 35; shift += 7, at++) {
            value |= (long) (bytes[at] & 0x7F) << shift;
            if ((bytes[at] & 0x80) == 0) {
                return value;
            }
        }
        return -1;
    }

    private static int skipLeb(byte[] bytes, int at) {
        while (at < bytes.length && (bytes[at] & 0x80) != 0) {
            at++;
        }
        return Math.min(at + 1, bytes.length);
    }

    static byte[] leb(long value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        do {
            int b = (int) (value & 0x7F);
            value >>>= 7;
            out.write(value != 0 ? b | 0x80 : b);
        } while (value != 0);
        return out.toByteArray();
    }

    private static byte[] splice(byte[] bytes, int at, int removed, byte[] inserted) {
        byte[] result = new byte[bytes.length - removed + inserted.length];
        System.arraycopy(bytes, 0, result, 0, at);
        System.arraycopy(inserted, 0, result, at, inserted.length);
        System.arraycopy(bytes, at + removed, result, at + inserted.length, bytes.length - at - removed);
        return result;
    }
}
