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
}
