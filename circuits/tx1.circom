pragma circom 2.1.0;

include "./transaction.circom";

// 1 input(s), 2 outputs, Merkle paths of up to 20 levels.
component main {public [root, publicAmount, extDataHash, inputNullifier, outputCommitment]} = Transaction(1, 2, 20);
