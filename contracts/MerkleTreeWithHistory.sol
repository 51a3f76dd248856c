// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {PoseidonHash} from './PoseidonHash.sol';

/// @title MerkleTreeWithHistory
/// @notice Incremental Poseidon Merkle tree whose depth grows with the number of leaves
///   (docs/protocol.md, "Merkle tree"): a tree of `n` leaves has depth
///   `max(1, ceil(log2(n)))`, so a young pool hashes a few levels per insert, not 20.
///   Leaves are appended in pairs and the last `ROOT_HISTORY_SIZE` roots are kept.
abstract contract MerkleTreeWithHistory {
  /// @notice The BN254 scalar field order `p`.
  uint256 public constant FIELD_SIZE =
    21888242871839275222246405745257275088548364400416034343698204186575808495617;
  /// @notice The deepest the tree can grow (2^20 leaves).
  uint256 public constant MAX_DEPTH = 20;
  /// @notice How many of the latest roots a proof may use.
  uint256 public constant ROOT_HISTORY_SIZE = 64;

  /// @dev `Z(0) .. Z(MAX_DEPTH)`, 32 bytes each: `Z(0) = 0`, `Z(i+1) = H2(Z(i), Z(i))`.
  bytes private constant ZEROS =
    hex'0000000000000000000000000000000000000000000000000000000000000000' // Z0
    hex'2098f5fb9e239eab3ceac3f27b81e481dc3124d55ffed523a839ee8446b64864' // Z1
    hex'1069673dcdb12263df301a6ff584a7ec261a44cb9dc68df067a4774460b1f1e1' // Z2
    hex'18f43331537ee2af2e3d758d50f72106467c6eea50371dd528d57eb2b856d238' // Z3
    hex'07f9d837cb17b0d36320ffe93ba52345f1b728571a568265caac97559dbc952a' // Z4
    hex'2b94cf5e8746b3f5c9631f4c5df32907a699c58c94b2ad4d7b5cec1639183f55' // Z5
    hex'2dee93c5a666459646ea7d22cca9e1bcfed71e6951b953611d11dda32ea09d78' // Z6
    hex'078295e5a22b84e982cf601eb639597b8b0515a88cb5ac7fa8a4aabe3c87349d' // Z7
    hex'2fa5e5f18f6027a6501bec864564472a616b2e274a41211a444cbe3a99f3cc61' // Z8
    hex'0e884376d0d8fd21ecb780389e941f66e45e7acce3e228ab3e2156a614fcd747' // Z9
    hex'1b7201da72494f1e28717ad1a52eb469f95892f957713533de6175e5da190af2' // Z10
    hex'1f8d8822725e36385200c0b201249819a6e6e1e4650808b5bebc6bface7d7636' // Z11
    hex'2c5d82f66c914bafb9701589ba8cfcfb6162b0a12acf88a8d0879a0471b5f85a' // Z12
    hex'14c54148a0940bb820957f5adf3fa1134ef5c4aaa113f4646458f270e0bfbfd0' // Z13
    hex'190d33b12f986f961e10c0ee44d8b9af11be25588cad89d416118e4bf4ebe80c' // Z14
    hex'22f98aa9ce704152ac17354914ad73ed1167ae6596af510aa5b3649325e06c92' // Z15
    hex'2a7c7c9b6ce5880b9f6f228d72bf6a575a526f29c66ecceef8b753d38bba7323' // Z16
    hex'2e8186e558698ec1c67af9c14d463ffc470043c9c2988b954d75dd643f36b992' // Z17
    hex'0f57c5571e9a4eab49e2c8cf050dae948aef6ead647392273546249d1c1ff10f' // Z18
    hex'1830ee67b5fb554ad5f63d4388800e1cfe78e310697d46e43c9ce36134f72cca' // Z19
    hex'2134e76ac5d21aab186c2be1dd8f84ee880a1e46eaf712f9d371b6df22191f3e'; // Z20

  /// @dev Fills the unused root slots so every later write is non-zero to non-zero
  ///   (5,000 gas instead of 22,100). It is not a field element, so never a known root.
  uint256 private constant UNUSED_ROOT = type(uint256).max;

  uint256[ROOT_HISTORY_SIZE] private _roots;
  /// @dev `_filledSubtrees[level]`: the latest complete left node at `level` (index 0 is
  ///   unused), pre-filled with `Z(level)` for the same non-zero writes.
  uint256[MAX_DEPTH] private _filledSubtrees;
  // One slot, read and written once per insert.
  uint32 private _nextIndex;
  uint8 private _currentRootIndex;
  uint8 private _depth;

  /// @notice The tree holds `2^MAX_DEPTH` leaves and cannot take another pair.
  error MerkleTreeFull();

  constructor() {
    for (uint256 i = 1; i < ROOT_HISTORY_SIZE; i++) _roots[i] = UNUSED_ROOT;
    for (uint256 level = 1; level < MAX_DEPTH; level++) _filledSubtrees[level] = zeros(level);
    // The empty tree has depth 1: its root is `H2(Z0, Z0) = Z1`.
    _roots[0] = zeros(1);
    _depth = 1;
  }

  /// @notice `Z(i)`, the root of an empty subtree of height `i`, for `0 <= i <= MAX_DEPTH`.
  function zeros(uint256 i) public pure returns (uint256) {
    require(i <= MAX_DEPTH);
    return _zeroAt(ZEROS, i);
  }

  /// @notice The current root.
  function getLastRoot() public view returns (uint256) {
    return _roots[_currentRootIndex];
  }

  /// @notice The number of leaves, which is also the index of the next leaf.
  function nextIndex() public view returns (uint256) {
    return _nextIndex;
  }

  /// @notice The current depth `max(1, ceil(log2(nextIndex)))`.
  function depth() public view returns (uint256) {
    return _depth;
  }

  /// @notice Whether `root` is one of the last `ROOT_HISTORY_SIZE` roots. Newest first,
  ///   since proofs are usually made against a recent root.
  function isKnownRoot(uint256 root) public view returns (bool) {
    if (root == 0 || root >= FIELD_SIZE) return false;
    uint256 newest = _currentRootIndex;
    uint256 i = newest;
    do {
      if (_roots[i] == root) return true;
      i = i == 0 ? ROOT_HISTORY_SIZE - 1 : i - 1;
    } while (i != newest);
    return false;
  }

  /// @dev Appends `leaf1, leaf2` at indices `index, index + 1` and returns `index`.
  function _insert(uint256 leaf1, uint256 leaf2) internal returns (uint256 index) {
    index = _nextIndex;
    uint256 count = index + 2;
    uint256 depth_ = _depth;
    uint256 rootIndex = _currentRootIndex;
    if (count > 1 << MAX_DEPTH) revert MerkleTreeFull();
    // The tree only grows when it is full at its old depth (index is even and
    // the old capacity is even), so its root becomes the left subtree one level up.
    if (count > 1 << depth_) {
      _filledSubtrees[depth_] = _roots[rootIndex];
      depth_++;
    }

    bytes memory zeros_ = ZEROS;
    uint256 node = _hash(leaf1, leaf2);
    for (uint256 level = 1; level < depth_; level++) {
      if ((index >> level) & 1 == 0) {
        // Only a complete left subtree is read back as a sibling. A partial one is
        // recomputed on the path of the insert that completes it: skip the write.
        if (count & ((1 << level) - 1) == 0) _filledSubtrees[level] = node;
        node = _hash(node, _zeroAt(zeros_, level));
      } else {
        node = _hash(_filledSubtrees[level], node);
      }
    }

    rootIndex = (rootIndex + 1) % ROOT_HISTORY_SIZE;
    _roots[rootIndex] = node;
    (_nextIndex, _currentRootIndex, _depth) = (uint32(count), uint8(rootIndex), uint8(depth_));
  }

  /// @dev The one call site of `PoseidonHash.hash2`, so its ~15 kB of code is in the
  ///   bytecode once: `_insert` jumps here for every level.
  function _hash(uint256 left, uint256 right) private pure returns (uint256) {
    return PoseidonHash.hash2(left, right);
  }

  function _zeroAt(bytes memory zeros_, uint256 i) private pure returns (uint256 z) {
    assembly ("memory-safe") {
      z := mload(add(zeros_, mul(add(i, 1), 32)))
    }
  }
}
