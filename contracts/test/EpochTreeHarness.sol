// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {EpochTree} from '../EpochTree.sol';

/// @title EpochTreeHarness
/// @notice Exposes `EpochTree._insert` to tests, to check the contract's tree against the
///   JavaScript one across batches, folds and epochs without proofs.
contract EpochTreeHarness is EpochTree {
  constructor(uint256 epochLevels_) EpochTree(epochLevels_) {}

  /// @notice Appends a pair of leaves and returns the index of the first.
  function insertPair(uint256 leaf1, uint256 leaf2) external returns (uint256) {
    return _insert(leaf1, leaf2);
  }

  /// @notice `count` inserts in one transaction, of the pairs `(seed + 2i, seed + 2i + 1)`:
  ///   for tests that need many folds.
  function insertPairs(uint256 seed, uint256 count) external {
    for (uint256 i = 0; i < count; i++) _insert(seed + 2 * i, seed + 2 * i + 1);
  }
}
