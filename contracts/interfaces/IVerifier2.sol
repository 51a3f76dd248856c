// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @notice The snarkjs Groth16 verifier of the `tx2` circuit (2 input(s)). Public signals:
///   `batchRoot, archiveRootA, archiveRootB, publicAmount, extDataHash, inputNullifier[2],
///   outputCommitment[2]`.
interface IVerifier2 {
  function verifyProof(
    uint256[2] calldata pA,
    uint256[2][2] calldata pB,
    uint256[2] calldata pC,
    uint256[9] calldata pubSignals
  ) external view returns (bool);
}
