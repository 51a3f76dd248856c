pragma circom 2.1.0;

include "circomlib/circuits/poseidon.circom";
include "circomlib/circuits/bitify.circom";
include "./merkle.circom";

/*
 * zkpay transaction, protocol v2 (docs/protocol.md):
 *   owner key    P = H2(sk, nk)
 *   commitment   C = H4(amount, P, blinding, rho)
 *   nullifier    N = H2(nk, C)
 *   output rho   rho_j = N_0 + j           (N_0: this transaction's first nullifier)
 * An input with a non-zero amount is in the pool: its level-BATCH_LEVELS node
 * is `batchRoot`, or its level-`levels` node (its epoch's root) is
 * `archiveRootA` or `archiveRootB`. The contract checks that the three are
 * roots it knows.
 * Value balance: sum(inputs) + publicAmount = sum(outputs), outputs < 2^128.
 */
template Transaction(nIns, nOuts, levels, batchLevels) {
    signal input batchRoot;
    signal input archiveRootA;
    signal input archiveRootB;
    signal input publicAmount;
    signal input extDataHash;
    signal input inputNullifier[nIns];
    signal input outputCommitment[nOuts];

    signal input spendingKey;
    signal input nullifierKey;
    signal input inAmount[nIns];
    signal input inBlinding[nIns];
    signal input inRho[nIns];
    signal input inPathIndex[nIns];
    signal input inPathElements[nIns][levels];

    signal input outAmount[nOuts];
    signal input outPubkey[nOuts];
    signal input outBlinding[nOuts];

    component ownerKey = Poseidon(2);
    ownerKey.inputs[0] <== spendingKey;
    ownerKey.inputs[1] <== nullifierKey;

    component inCommitment[nIns];
    component inNullifier[nIns];
    component inIndexBits[nIns];
    component inTree[nIns];
    signal inArchiveMiss[nIns];
    signal inMiss[nIns];
    var sumIns = 0;

    for (var t = 0; t < nIns; t++) {
        inCommitment[t] = Poseidon(4);
        inCommitment[t].inputs[0] <== inAmount[t];
        inCommitment[t].inputs[1] <== ownerKey.out;
        inCommitment[t].inputs[2] <== inBlinding[t];
        inCommitment[t].inputs[3] <== inRho[t];

        inNullifier[t] = Poseidon(2);
        inNullifier[t].inputs[0] <== nullifierKey;
        inNullifier[t].inputs[1] <== inCommitment[t].out;
        inNullifier[t].out === inputNullifier[t];

        inIndexBits[t] = Num2Bits(levels);
        inIndexBits[t].in <== inPathIndex[t];

        inTree[t] = MerklePathNodes(levels);
        inTree[t].leaf <== inCommitment[t].out;
        for (var i = 0; i < levels; i++) {
            inTree[t].pathElements[i] <== inPathElements[t][i];
            inTree[t].pathBits[i] <== inIndexBits[t].out[i];
        }
        // In the batch, or in one of the two archives; zero-amount inputs
        // are padding and skip the check.
        inArchiveMiss[t] <== (inTree[t].node[levels] - archiveRootA) * (inTree[t].node[levels] - archiveRootB);
        inMiss[t] <== (inTree[t].node[batchLevels] - batchRoot) * inArchiveMiss[t];
        inAmount[t] * inMiss[t] === 0;

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
        outCommitment[t] = Poseidon(4);
        outCommitment[t].inputs[0] <== outAmount[t];
        outCommitment[t].inputs[1] <== outPubkey[t];
        outCommitment[t].inputs[2] <== outBlinding[t];
        outCommitment[t].inputs[3] <== inputNullifier[0] + t;
        outCommitment[t].out === outputCommitment[t];

        outAmountBits[t] = Num2Bits(128);
        outAmountBits[t].in <== outAmount[t];

        sumOuts += outAmount[t];
    }

    sumIns + publicAmount === sumOuts;

    // Bind extDataHash into a constraint so the proof cannot be replayed with
    // another one (snarkjs also binds public inputs; this costs 1 constraint).
    signal extDataSquare <== extDataHash * extDataHash;
}
