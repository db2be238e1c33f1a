package vn.motcua.dossier.domain.history;

import java.util.ArrayList;
import java.util.List;

/**
 * The Merkle root of a day's event hashes, built as they stream by (memory grows with the logarithm of the count).
 * The tree is the one of RFC 6962 (Certificate Transparency): leaf = SHA-256(0x00 || event hash), node =
 * SHA-256(0x01 || left || right), the left subtree the largest power of two below the count; no leaves: SHA-256 of
 * nothing. A single event can later be proven part of a sealed day with log2(n) hashes.
 */
public final class MerkleRoot {
    /** Complete subtrees, largest first; heights strictly decreasing. */
    private final List<byte[]> nodes = new ArrayList<>();
    private final List<Integer> heights = new ArrayList<>();
    private long count;

    public MerkleRoot add(byte[] eventHash) {
        byte[] node = hash((byte) 0, eventHash, null);
        int height = 0;
        while (!heights.isEmpty() && heights.get(heights.size() - 1) == height) {
            node = hash((byte) 1, nodes.remove(nodes.size() - 1), node);
            heights.remove(heights.size() - 1);
            height++;
        }
        nodes.add(node);
        heights.add(height);
        count++;
        return this;
    }

    public long count() {
        return count;
    }

    public byte[] root() {
        if (nodes.isEmpty()) {
            return EventHash.sha256(new byte[0]);
        }
        byte[] right = nodes.get(nodes.size() - 1);
        for (int i = nodes.size() - 2; i >= 0; i--) {
            right = hash((byte) 1, nodes.get(i), right);
        }
        return right;
    }

    private static byte[] hash(byte prefix, byte[] a, byte[] b) {
        byte[] in = new byte[1 + a.length + (b == null ? 0 : b.length)];
        in[0] = prefix;
        System.arraycopy(a, 0, in, 1, a.length);
        if (b != null) {
            System.arraycopy(b, 0, in, 1 + a.length, b.length);
        }
        return EventHash.sha256(in);
    }
}
