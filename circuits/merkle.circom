pragma circom 2.1.0;

include "circomlib/circuits/poseidon.circom";

// A Merkle path of `levels` levels (docs/protocol.md, "Tree"). Returns every
// node on the path, node[0] = leaf, node[levels] = root, so that a caller can
// compare a node at any height with a root. pathBits are the leaf index bits;
// bit i = 1 means the node at level i is a right child.
template MerklePathNodes(levels) {
    signal input leaf;
    signal input pathElements[levels];
    signal input pathBits[levels];
    signal output node[levels + 1];

    signal swap[levels];
    component hashers[levels];

    node[0] <== leaf;
    for (var i = 0; i < levels; i++) {
        // One constraint per level: swap = bit * (sibling - node).
        swap[i] <== pathBits[i] * (pathElements[i] - node[i]);
        hashers[i] = Poseidon(2);
        hashers[i].inputs[0] <== node[i] + swap[i];
        hashers[i].inputs[1] <== pathElements[i] - swap[i];
        node[i + 1] <== hashers[i].out;
    }
}
