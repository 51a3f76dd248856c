// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {PoseidonHash} from './PoseidonHash.sol';

/// @title EpochTree
/// @notice The pool's commitments as a sequence of depth-20 Poseidon trees, one per epoch
///   (docs/protocol.md, "Tree"). Leaves arrive in pairs. Each epoch is cut into batches
///   of 32 leaves: every insert recomputes its batch's root (5 hashes), and a finished
///   batch is folded into its epoch's root one level per later insert (15 hashes spread
///   over the next 15 inserts), so no insert hashes more than 6 times, at any pool size.
///   A spend proves its note is under a recent batch root or under an epoch root
///   ("archive root"): the last `ARCHIVE_ROOT_HISTORY` roots of the epochs being filled,
///   and the final root of every full epoch, which stays valid forever. Epochs follow
///   each other without end, so the pool never fills.
abstract contract EpochTree {
  /// @notice The BN254 scalar field order `p`.
  uint256 public constant FIELD_SIZE =
    21888242871839275222246405745257275088548364400416034343698204186575808495617;
  /// @notice Levels of an epoch tree, the circuits' path length.
  uint256 public constant TREE_LEVELS = 20;
  /// @notice Levels of a batch: 32 leaves, 16 transactions.
  uint256 public constant BATCH_LEVELS = 5;
  /// @notice How many of the latest batch roots a proof may use.
  uint256 public constant BATCH_ROOT_HISTORY = 64;
  /// @notice How many of the latest archive roots (one per folded batch, 16 inserts
  ///   apart) a proof may use besides the final roots of full epochs.
  uint256 public constant ARCHIVE_ROOT_HISTORY = 64;

  /// @notice An epoch holds `2^epochLevels` leaves: 20 on every real deployment; tests
  ///   deploy smaller epochs (down to one batch) to cross epoch boundaries quickly.
  uint256 public immutable epochLevels;

  /// @dev `Z(0) .. Z(TREE_LEVELS)`, 32 bytes each: `Z(0) = 0`, `Z(i+1) = H2(Z(i), Z(i))`.
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

  /// @dev Fills unused batch-root slots so every later write is non-zero to non-zero. Not
  ///   a field element, so never a known root.
  uint256 private constant UNUSED_ROOT = type(uint256).max;

  uint256[BATCH_ROOT_HISTORY] private _batchRoots;
  /// @dev `_batchFrontier[level]` (levels 1..4): the latest complete left node in the batch.
  uint256[BATCH_LEVELS] private _batchFrontier;
  /// @dev `_archiveFrontier[level]` (levels 5..19): the latest complete left node above
  ///   the batches of the epoch being folded.
  uint256[TREE_LEVELS] private _archiveFrontier;
  /// @dev The final root of every full epoch (and the empty epoch's): valid forever.
  mapping(uint256 root => bool) private _archiveRoots;
  /// @dev The node being folded into its epoch's root, at level `_pendingLevel`.
  uint256 private _pendingNode;
  // One slot, read and written once per insert.
  uint64 private _leafCount;
  uint8 private _batchRootIndex;
  /// @dev 0 when nothing is being folded, else the level of `_pendingNode` (5..19).
  uint8 private _pendingLevel;
  /// @dev The global index of the batch being folded.
  uint64 private _pendingBatch;
  /// @dev Where the newest archive root sits in `_recentArchiveRoots`.
  uint8 private _archiveRootIndex;
  /// @dev A ring of the latest archive roots. A fold's result is written here, a
  ///   non-zero to non-zero write (5,000 gas, what a fold step's `_pendingNode` write
  ///   costs) instead of a new mapping slot (22,100) once every 16 inserts.
  uint256[ARCHIVE_ROOT_HISTORY] private _recentArchiveRoots;

  /// @notice A new epoch root (a batch was folded in): proofs may use it from now on.
  event ArchiveRoot(uint256 root, uint256 epoch, uint256 batchCount);

  error BadEpochLevels();

  constructor(uint256 epochLevels_) {
    if (epochLevels_ < BATCH_LEVELS || epochLevels_ > TREE_LEVELS) revert BadEpochLevels();
    epochLevels = epochLevels_;
    _batchRoots[0] = zeros(BATCH_LEVELS);
    for (uint256 i = 1; i < BATCH_ROOT_HISTORY; i++) _batchRoots[i] = UNUSED_ROOT;
    for (uint256 i = 0; i < ARCHIVE_ROOT_HISTORY; i++) _recentArchiveRoots[i] = UNUSED_ROOT;
    for (uint256 level = 1; level < BATCH_LEVELS; level++) _batchFrontier[level] = zeros(level);
    for (uint256 level = BATCH_LEVELS; level < TREE_LEVELS; level++) {
      _archiveFrontier[level] = zeros(level);
    }
    _pendingNode = UNUSED_ROOT;
    // The empty epoch's root: no note is under it, but a shield (which spends none)
    // needs an archive root to name.
    _archiveRoots[zeros(TREE_LEVELS)] = true;
  }

  /// @notice `Z(i)`, the root of an empty subtree of height `i`, for `0 <= i <= TREE_LEVELS`.
  function zeros(uint256 i) public pure returns (uint256) {
    require(i <= TREE_LEVELS);
    return _zeroAt(ZEROS, i);
  }

  /// @notice The number of leaves ever inserted, which is also the global index of the next.
  function leafCount() public view returns (uint256) {
    return _leafCount;
  }

  /// @notice The root of the batch the latest insert went into (`Z5` before any).
  function latestBatchRoot() public view returns (uint256) {
    return _batchRoots[_batchRootIndex];
  }

  /// @notice Whether `root` is one of the last `BATCH_ROOT_HISTORY` batch roots. Newest
  ///   first, since proofs are usually made against a recent one.
  function isKnownBatchRoot(uint256 root) public view returns (bool) {
    if (root >= FIELD_SIZE) return false;
    uint256 newest = _batchRootIndex;
    uint256 i = newest;
    do {
      if (_batchRoots[i] == root) return true;
      i = i == 0 ? BATCH_ROOT_HISTORY - 1 : i - 1;
    } while (i != newest);
    return false;
  }

  /// @notice Whether `root` is one of the last `ARCHIVE_ROOT_HISTORY` epoch roots, or the
  ///   final root of a full epoch (those never expire). The newest first: wallets name it.
  function isKnownArchiveRoot(uint256 root) public view returns (bool) {
    if (root >= FIELD_SIZE) return false;
    uint256 newest = _archiveRootIndex;
    if (_recentArchiveRoots[newest] == root || _archiveRoots[root]) return true;
    uint256 i = newest;
    while (true) {
      i = i == 0 ? ARCHIVE_ROOT_HISTORY - 1 : i - 1;
      if (i == newest) return false;
      if (_recentArchiveRoots[i] == root) return true;
    }
  }

  /// @notice The fold in progress: the global index of the batch and the level reached
  ///   (0 when none).
  function pendingFold() external view returns (uint256 batch, uint256 level) {
    return (_pendingBatch, _pendingLevel);
  }

  /// @dev Appends `leaf1, leaf2` at global indices `index, index + 1` and returns `index`.
  function _insert(uint256 leaf1, uint256 leaf2) internal returns (uint256 index) {
    index = _leafCount;
    uint256 pendingLevel = _pendingLevel;
    uint256 pendingBatch = _pendingBatch;
    uint256 archiveIndex = _archiveRootIndex;
    uint256 rootIndex = (uint256(_batchRootIndex) + 1) % BATCH_ROOT_HISTORY;
    bytes memory zeros_ = ZEROS;

    // The pair's position among the 16 pairs of its batch.
    uint256 pairInBatch = (index >> 1) & 15;
    uint256 node = _hash(leaf1, leaf2);
    for (uint256 level = 1; level < BATCH_LEVELS; level++) {
      uint256 shift = level - 1;
      if ((pairInBatch >> shift) & 1 == 0) {
        // Only a complete left node is read back as a sibling; a partial one is
        // recomputed on the path of the insert that completes it.
        if ((pairInBatch + 1) & ((1 << shift) - 1) == 0) _batchFrontier[level] = node;
        node = _hash(node, _zeroAt(zeros_, level));
      } else {
        node = _hash(_batchFrontier[level], node);
      }
    }
    _batchRoots[rootIndex] = node;

    uint256 pendingNode;
    if (pairInBatch == 15) {
      // The batch is complete: fold it. The previous fold began 16 inserts ago and
      // takes 15 (levels 5 to 20, one per insert), so it is always done by now.
      pendingNode = node;
      pendingLevel = BATCH_LEVELS;
      pendingBatch = index >> BATCH_LEVELS;
    } else if (pendingLevel != 0) {
      pendingNode = _pendingNode;
    }
    if (pendingLevel != 0) {
      (pendingNode, pendingLevel) = _foldStep(pendingNode, pendingLevel, pendingBatch, zeros_);
      if (pendingLevel != 0) {
        _pendingNode = pendingNode;
      } else {
        // The fold reached its epoch's root (`pendingNode`): it joins the ring.
        archiveIndex = (archiveIndex + 1) % ARCHIVE_ROOT_HISTORY;
        _recentArchiveRoots[archiveIndex] = pendingNode;
      }
    }

    (_leafCount, _batchRootIndex, _pendingLevel, _pendingBatch, _archiveRootIndex) = (
      uint64(index + 2),
      uint8(rootIndex),
      uint8(pendingLevel),
      uint64(pendingBatch),
      uint8(archiveIndex)
    );
  }

  /// @dev One level of folding batch `batch` into its epoch's root. Returns the node one
  ///   level up and its level, or level 0 once the epoch root is reached and recorded.
  function _foldStep(
    uint256 node,
    uint256 level,
    uint256 batch,
    bytes memory zeros_
  ) private returns (uint256, uint256) {
    uint256 levels = epochLevels;
    uint256 batchInEpoch = batch & ((1 << (levels - BATCH_LEVELS)) - 1);
    uint256 shift = level - BATCH_LEVELS;
    if ((batchInEpoch >> shift) & 1 == 0) {
      if ((batchInEpoch + 1) & ((1 << shift) - 1) == 0) _archiveFrontier[level] = node;
      node = _hash(node, _zeroAt(zeros_, level));
    } else {
      node = _hash(_archiveFrontier[level], node);
    }
    level++;
    if (level < TREE_LEVELS) return (node, level);
    // The epoch is full: its final root stays valid forever (a new slot, once per epoch).
    if (batchInEpoch + 1 == 1 << (levels - BATCH_LEVELS)) _archiveRoots[node] = true;
    emit ArchiveRoot(node, batch >> (levels - BATCH_LEVELS), batchInEpoch + 1);
    return (node, 0);
  }

  /// @dev The one call site of `PoseidonHash.hash2`, so its ~15 kB of code is in the
  ///   bytecode once.
  function _hash(uint256 left, uint256 right) private pure returns (uint256) {
    return PoseidonHash.hash2(left, right);
  }

  function _zeroAt(bytes memory zeros_, uint256 i) private pure returns (uint256 z) {
    assembly ("memory-safe") {
      z := mload(add(zeros_, mul(add(i, 1), 32)))
    }
  }
}
