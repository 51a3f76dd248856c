// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @notice The snarkjs Groth16 verifier of the `tx8` circuit (8 input(s)). Public signals:
///   `batchRoot, archiveRootA, archiveRootB, publicAmount, extDataHash, inputNullifier[8],
///   outputCommitment[2]`.
interface IVerifier8 {
  function verifyProof(
    uint256[2] calldata pA,
    uint256[2][2] calldata pB,
    uint256[2] calldata pC,
    uint256[15] calldata pubSignals
  ) external view returns (bool);
}
