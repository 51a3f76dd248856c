pragma circom 2.1.0;

include "./transaction.circom";

// 8 input(s), 2 outputs, epoch trees of 20 levels whose batches are 5 levels.
component main {public [batchRoot, archiveRootA, archiveRootB, publicAmount, extDataHash, inputNullifier, outputCommitment]} = Transaction(8, 2, 20, 5);
