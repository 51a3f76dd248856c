// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {MerkleTreeWithHistory} from '../MerkleTreeWithHistory.sol';

/// @title MerkleTreeHarness
/// @notice Exposes `MerkleTreeWithHistory._insert` to tests.
contract MerkleTreeHarness is MerkleTreeWithHistory {
  /// @notice Appends a pair of leaves and returns the index of the first.
  function insertPair(uint256 leaf1, uint256 leaf2) external returns (uint256) {
    return _insert(leaf1, leaf2);
  }
}
