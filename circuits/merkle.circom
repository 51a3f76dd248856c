pragma circom 2.1.0;

include "circomlib/circuits/poseidon.circom";

// Root of a dynamic-depth tree (docs/protocol.md, "Merkle tree"): hashes all
// `levels` levels of the path and returns the node at the level picked by the
// one-hot `depthSel` (depthSel[i] = 1 when the tree has depth i).
// pathBits are the leaf index bits; bit i = 1 means the node is a right child.
template DynamicMerkleRoot(levels) {
    signal input leaf;
    signal input pathElements[levels];
    signal input pathBits[levels];
    signal input depthSel[levels + 1];
    signal output root;

    signal node[levels + 1];
    signal swap[levels];
    signal picked[levels];
    component hashers[levels];

    node[0] <== leaf;
    for (var i = 0; i < levels; i++) {
        // One constraint per level: swap = bit * (sibling - node).
        swap[i] <== pathBits[i] * (pathElements[i] - node[i]);
        hashers[i] = Poseidon(2);
        hashers[i].inputs[0] <== node[i] + swap[i];
        hashers[i].inputs[1] <== pathElements[i] - swap[i];
        node[i + 1] <== hashers[i].out;
        picked[i] <== depthSel[i + 1] * node[i + 1];
    }

    var acc = 0;
    for (var i = 0; i < levels; i++) {
        acc += picked[i];
    }
    root <== acc;
}
