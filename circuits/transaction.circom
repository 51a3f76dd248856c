pragma circom 2.1.0;

include "circomlib/circuits/poseidon.circom";
include "circomlib/circuits/bitify.circom";
include "./merkle.circom";

/*
 * zkpay transaction, protocol v1 (docs/protocol.md):
 *   owner key    P = Poseidon(sk)
 *   commitment   C = Poseidon(amount, P, blinding)
 *   nullifier    N = Poseidon(sk, C, leafIndex)
 * Inputs with a non-zero amount must be in the tree under `root`, whose depth
 * is the private `depth` in [1, levels]; leaf-index bits at or above `depth`
 * must be zero so that a note has exactly one nullifier.
 * Value balance: sum(inputs) + publicAmount = sum(outputs), outputs < 2^248.
 */
template Transaction(nIns, nOuts, levels) {
    signal input root;
    signal input publicAmount;
    signal input extDataHash;
    signal input inputNullifier[nIns];
    signal input outputCommitment[nOuts];

    signal input spendingKey;
    signal input depth;
    signal input inAmount[nIns];
    signal input inBlinding[nIns];
    signal input inPathIndex[nIns];
    signal input inPathElements[nIns][levels];

    signal input outAmount[nOuts];
    signal input outPubkey[nOuts];
    signal input outBlinding[nOuts];

    component ownerKey = Poseidon(1);
    ownerKey.inputs[0] <== spendingKey;

    // One-hot depth selector, shared by all inputs: boolean entries summing
    // to 1 whose weighted sum is `depth`, so depth is in [1, levels].
    signal depthSel[levels + 1];
    depthSel[0] <== 0;
    var selSum = 0;
    var selDepth = 0;
    for (var i = 1; i <= levels; i++) {
        depthSel[i] <-- depth == i ? 1 : 0;
        depthSel[i] * (depthSel[i] - 1) === 0;
        selSum += depthSel[i];
        selDepth += i * depthSel[i];
    }
    selSum === 1;
    selDepth === depth;
    // atOrAbove[i] = 1 when level i >= depth.
    var atOrAbove[levels];
    var running = 0;
    for (var i = 0; i < levels; i++) {
        running += depthSel[i];
        atOrAbove[i] = running;
    }

    component inCommitment[nIns];
    component inNullifier[nIns];
    component inIndexBits[nIns];
    component inTree[nIns];
    var sumIns = 0;

    for (var t = 0; t < nIns; t++) {
        inCommitment[t] = Poseidon(3);
        inCommitment[t].inputs[0] <== inAmount[t];
        inCommitment[t].inputs[1] <== ownerKey.out;
        inCommitment[t].inputs[2] <== inBlinding[t];

        inNullifier[t] = Poseidon(3);
        inNullifier[t].inputs[0] <== spendingKey;
        inNullifier[t].inputs[1] <== inCommitment[t].out;
        inNullifier[t].inputs[2] <== inPathIndex[t];
        inNullifier[t].out === inputNullifier[t];

        inIndexBits[t] = Num2Bits(levels);
        inIndexBits[t].in <== inPathIndex[t];
        for (var i = 0; i < levels; i++) {
            inIndexBits[t].out[i] * atOrAbove[i] === 0;
        }

        inTree[t] = DynamicMerkleRoot(levels);
        inTree[t].leaf <== inCommitment[t].out;
        for (var i = 0; i < levels; i++) {
            inTree[t].pathElements[i] <== inPathElements[t][i];
            inTree[t].pathBits[i] <== inIndexBits[t].out[i];
        }
        for (var i = 0; i <= levels; i++) {
            inTree[t].depthSel[i] <== depthSel[i];
        }
        // Zero-amount inputs are padding: they skip the membership check.
        inAmount[t] * (inTree[t].root - root) === 0;

        sumIns += inAmount[t];
    }

    // Nullifiers pairwise distinct: each difference has an inverse.
    signal diffInv[nIns * (nIns - 1) / 2];
    var pair = 0;
    for (var a = 0; a < nIns; a++) {
        for (var b = a + 1; b < nIns; b++) {
            diffInv[pair] <-- 1 / (inputNullifier[a] - inputNullifier[b]);
            diffInv[pair] * (inputNullifier[a] - inputNullifier[b]) === 1;
            pair++;
        }
    }

    component outCommitment[nOuts];
    component outAmountBits[nOuts];
    var sumOuts = 0;
    for (var t = 0; t < nOuts; t++) {
        outCommitment[t] = Poseidon(3);
        outCommitment[t].inputs[0] <== outAmount[t];
        outCommitment[t].inputs[1] <== outPubkey[t];
        outCommitment[t].inputs[2] <== outBlinding[t];
        outCommitment[t].out === outputCommitment[t];

        outAmountBits[t] = Num2Bits(248);
        outAmountBits[t].in <== outAmount[t];

        sumOuts += outAmount[t];
    }

    sumIns + publicAmount === sumOuts;

    // Bind extDataHash into a constraint so the proof cannot be replayed with
    // another one (snarkjs also binds public inputs; this costs 1 constraint).
    signal extDataSquare <== extDataHash * extDataHash;
}
