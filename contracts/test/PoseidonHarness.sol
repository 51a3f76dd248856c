// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {PoseidonHash} from '../PoseidonHash.sol';

/// @title PoseidonHarness
/// @notice Exposes `PoseidonHash.hash2` to tests, and a chain of hashes to measure its gas.
contract PoseidonHarness {
  /// @notice `PoseidonHash.hash2(a, b)`.
  function hash2(uint256 a, uint256 b) external pure returns (uint256) {
    return PoseidonHash.hash2(a, b);
  }

  /// @notice `h = a`, then `n` times `h = hash2(h, b)`: the gas of `n` hashes, by difference.
  function hashChain(uint256 a, uint256 b, uint256 n) external pure returns (uint256 h) {
    h = a;
    for (uint256 i = 0; i < n; i++) h = PoseidonHash.hash2(h, b);
  }
}
