// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from '@openzeppelin/contracts/token/ERC20/IERC20.sol';
import {IERC20Permit} from '@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol';
import {SafeERC20} from '@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol';
import {EpochTree} from './EpochTree.sol';
import {IVerifier1} from './interfaces/IVerifier1.sol';
import {IVerifier2} from './interfaces/IVerifier2.sol';
import {IVerifier8} from './interfaces/IVerifier8.sol';

/// @title ShieldedPool
/// @notice A shielded pool of one ERC-20 token (docs/protocol.md v2, "Pool contract"). Every
///   transaction spends 1, 2 or 8 notes and creates 2, proven by a Groth16 proof, and may
///   shield (`extAmount > 0`), unshield (`extAmount < 0`) and pay a relayer fee.
contract ShieldedPool is EpochTree {
  using SafeERC20 for IERC20;

  /// @notice A Groth16 proof and its public signals (`a`, `b`, `c` as snarkjs exports them).
  struct Proof {
    uint256[2] a;
    uint256[2][2] b;
    uint256[2] c;
    uint256 batchRoot;
    uint256 archiveRootA;
    uint256 archiveRootB;
    uint256 publicAmount;
    uint256 extDataHash;
    uint256[] inputNullifiers;
    uint256[2] outputCommitments;
  }

  /// @notice Everything the proof binds through `extDataHash` without proving it.
  struct ExtData {
    address recipient;
    int256 extAmount;
    address relayer;
    uint256 fee;
    bytes encryptedOutput1;
    bytes encryptedOutput2;
    bytes encryptedHistory;
  }

  /// @notice An EIP-2612 signature of `permit(msg.sender, pool, extAmount, deadline)`.
  struct Permit {
    uint256 deadline;
    uint8 v;
    bytes32 r;
    bytes32 s;
  }

  /// @notice `|extAmount|` and `fee` must be below this, as every note amount is.
  uint256 public constant AMOUNT_LIMIT = 2 ** 128;
  /// @notice The exact length of each encrypted output.
  uint256 public constant ENCRYPTED_OUTPUT_BYTES = 179;
  /// @notice The exact length of the sender's encrypted history record.
  uint256 public constant ENCRYPTED_HISTORY_BYTES = 165;
  /// @dev An `ExtData` in its ABI encoding with ciphertexts of the exact lengths: 7 head
  ///   words, then each ciphertext's length word and its 6 words (179 and 165 bytes padded
  ///   to 192), at the offsets `_EXT_OFFSET_*` from its start.
  uint256 private constant _EXT_DATA_BYTES = 896;
  uint256 private constant _EXT_OFFSET_1 = 0xe0;
  uint256 private constant _EXT_OFFSET_2 = 0x1c0;
  uint256 private constant _EXT_OFFSET_3 = 0x2a0;

  /// @notice The pool's token.
  IERC20 public immutable token;
  /// @notice The verifier of 1-input transactions.
  IVerifier1 public immutable verifier1;
  /// @notice The verifier of 2-input transactions.
  IVerifier2 public immutable verifier2;
  /// @notice The verifier of 8-input transactions.
  IVerifier8 public immutable verifier8;

  /// @notice Whether a nullifier has been spent.
  mapping(uint256 nullifier => bool) public nullifierHashes;
  /// @notice Fees earned by each relayer and not yet withdrawn (plus the 1 base unit
  ///   `withdrawFees` leaves, so that the next fee writes a non-zero slot: 5,000 gas
  ///   instead of 22,100, and no token transfer per transaction).
  mapping(address relayer => uint256) public relayerFees;

  bool private transient _locked;

  /// @notice One transaction: its outputs at leaves `index` and `index + 1`, the
  ///   nullifiers it spent and its external data (public amounts, the ciphertexts for
  ///   the recipients and the sender's record).
  event Transaction(uint256 index, uint256[2] commitments, uint256[] nullifiers, ExtData extData);

  error UnknownBatchRoot(uint256 root);
  error UnknownArchiveRoot(uint256 root);
  error NullifierSpent(uint256 nullifier);
  error DuplicateNullifier(uint256 nullifier);
  error BadExtDataHash();
  error BadPublicAmount();
  error AmountTooLarge();
  error BadCiphertextLength();
  error NonCanonicalExtData();
  error InvalidProof();
  error UnsupportedInputCount(uint256 count);
  error InvalidRecipient();
  error ShieldAmountMismatch(uint256 expected, uint256 received);
  error NoFees();
  error Reentrancy();

  modifier nonReentrant() {
    if (_locked) revert Reentrancy();
    _locked = true;
    _;
    _locked = false;
  }

  /// @param epochLevels_ 20 on a real deployment (the circuits' tree); smaller only in tests.
  constructor(
    IERC20 token_,
    IVerifier1 verifier1_,
    IVerifier2 verifier2_,
    IVerifier8 verifier8_,
    uint256 epochLevels_
  ) EpochTree(epochLevels_) {
    token = token_;
    verifier1 = verifier1_;
    verifier2 = verifier2_;
    verifier8 = verifier8_;
  }

  /// @notice Spends `proof.inputNullifiers`, appends `proof.outputCommitments` and moves
  ///   `extData.extAmount` and `extData.fee` in or out of the pool.
  function transact(Proof calldata proof, ExtData calldata extData) external nonReentrant {
    _transact(proof, extData);
  }

  /// @notice `transact` for a shield that approves the pool with an EIP-2612 signature.
  function transactWithPermit(
    Proof calldata proof,
    ExtData calldata extData,
    Permit calldata permit
  ) external nonReentrant {
    if (extData.extAmount > 0) {
      // Anyone can submit a seen signature first; the allowance is then already set
      // and the transfer below still succeeds, so a failed permit must not revert.
      try
        IERC20Permit(address(token)).permit(
          msg.sender,
          address(this),
          uint256(extData.extAmount),
          permit.deadline,
          permit.v,
          permit.r,
          permit.s
        )
      {} catch {}
    }
    _transact(proof, extData);
  }

  /// @notice Sends the caller's earned fees, less 1 base unit kept, to `to`.
  function withdrawFees(address to) external nonReentrant returns (uint256 amount) {
    uint256 earned = relayerFees[msg.sender];
    if (earned <= 1) revert NoFees();
    amount = earned - 1;
    relayerFees[msg.sender] = 1;
    token.safeTransfer(to, amount);
  }

  /// @notice `(extAmount - fee) mod p`, the proof's `publicAmount` for these amounts.
  function calculatePublicAmount(int256 extAmount, uint256 fee) public pure returns (uint256) {
    int256 limit = int256(AMOUNT_LIMIT);
    if (extAmount <= -limit || extAmount >= limit || fee >= AMOUNT_LIMIT) revert AmountTooLarge();
    int256 publicAmount = extAmount - int256(fee);
    return publicAmount >= 0 ? uint256(publicAmount) : FIELD_SIZE - uint256(-publicAmount);
  }

  /// @notice `keccak256(abi.encode(chainId, pool, extData)) mod p`: a proof is bound to one
  ///   pool on one chain. Only for ciphertexts of the exact lengths, in the canonical
  ///   encoding (`BadCiphertextLength`, `NonCanonicalExtData` otherwise), as `transact` takes.
  function hashExtData(ExtData calldata extData) external view returns (uint256) {
    return _hashExtDataCopy(_copyExtData(extData));
  }

  function _transact(Proof calldata proof, ExtData calldata extData) private {
    uint256[] calldata nullifiers = proof.inputNullifiers;
    uint256 count = nullifiers.length;
    if (count != 1 && count != 2 && count != 8) revert UnsupportedInputCount(count);
    if (!isKnownBatchRoot(proof.batchRoot)) revert UnknownBatchRoot(proof.batchRoot);
    if (!isKnownArchiveRoot(proof.archiveRootA)) revert UnknownArchiveRoot(proof.archiveRootA);
    if (proof.archiveRootB != proof.archiveRootA && !isKnownArchiveRoot(proof.archiveRootB)) {
      revert UnknownArchiveRoot(proof.archiveRootB);
    }
    for (uint256 i = 0; i < count; i++) {
      uint256 nullifier = nullifiers[i];
      if (nullifierHashes[nullifier]) revert NullifierSpent(nullifier);
      for (uint256 j = 0; j < i; j++) {
        if (nullifiers[j] == nullifier) revert DuplicateNullifier(nullifier);
      }
    }
    uint256 extDataCopy = _copyExtData(extData);
    if (proof.extDataHash != _hashExtDataCopy(extDataCopy)) revert BadExtDataHash();
    if (proof.publicAmount != calculatePublicAmount(extData.extAmount, extData.fee)) {
      revert BadPublicAmount();
    }
    if (extData.extAmount < 0 && extData.recipient == address(0)) revert InvalidRecipient();
    if (extData.fee > 0 && extData.relayer == address(0)) revert InvalidRecipient();
    if (!_verifyProof(proof)) revert InvalidProof();

    for (uint256 i = 0; i < count; i++) nullifierHashes[nullifiers[i]] = true;
    uint256 index = _insert(proof.outputCommitments[0], proof.outputCommitments[1]);

    if (extData.extAmount > 0) {
      // Credit only what arrives: a token that takes a fee on transfer (or rebases)
      // would otherwise leave the pool owing more than it holds.
      uint256 amount = uint256(extData.extAmount);
      uint256 before = token.balanceOf(address(this));
      token.safeTransferFrom(msg.sender, address(this), amount);
      uint256 received = token.balanceOf(address(this)) - before;
      if (received != amount) revert ShieldAmountMismatch(amount, received);
    } else if (extData.extAmount < 0) {
      token.safeTransfer(extData.recipient, uint256(-extData.extAmount));
    }
    if (extData.fee > 0) relayerFees[extData.relayer] += extData.fee;

    _emitTransaction(index, proof, extDataCopy);
  }

  /// @dev Copies `extData`'s ABI encoding from the call data to memory, once, for its hash
  ///   and for the `Transaction` event (what `abi.encode` would build, without decoding and
  ///   re-encoding it twice). Only the canonical layout is taken; lengths are checked before.
  ///   Returns where the copy starts; 14 free words precede it, for the event's head.
  function _copyExtData(ExtData calldata extData) private pure returns (uint256 copy) {
    if (
      extData.encryptedOutput1.length != ENCRYPTED_OUTPUT_BYTES ||
      extData.encryptedOutput2.length != ENCRYPTED_OUTPUT_BYTES ||
      extData.encryptedHistory.length != ENCRYPTED_HISTORY_BYTES
    ) revert BadCiphertextLength();
    bool canonical;
    assembly ("memory-safe") {
      canonical := and(
        and(eq(calldataload(add(extData, 0x80)), _EXT_OFFSET_1), eq(calldataload(add(extData, 0xa0)), _EXT_OFFSET_2)),
        eq(calldataload(add(extData, 0xc0)), _EXT_OFFSET_3)
      )
      copy := add(mload(0x40), 448)
      calldatacopy(copy, extData, _EXT_DATA_BYTES)
      mstore(0x40, add(copy, _EXT_DATA_BYTES))
    }
    if (!canonical) revert NonCanonicalExtData();
  }

  /// @dev `hashExtData` of the copy: `abi.encode(chainId, pool, extData)` is these three
  ///   words and the copy.
  function _hashExtDataCopy(uint256 copy) private view returns (uint256 hash) {
    assembly ("memory-safe") {
      let start := sub(copy, 96)
      mstore(start, chainid())
      mstore(add(start, 32), address())
      mstore(add(start, 64), 0x60)
      hash := mod(keccak256(start, add(96, _EXT_DATA_BYTES)), FIELD_SIZE)
    }
  }

  /// @dev `emit Transaction(index, proof.outputCommitments, proof.inputNullifiers, extData)`,
  ///   its data laid out in front of the copy: index, the two commitments, the offsets of
  ///   the nullifiers (5 words in) and of `extData` (after them), the nullifiers, the copy.
  function _emitTransaction(uint256 index, Proof calldata proof, uint256 copy) private {
    uint256[] calldata nullifiers = proof.inputNullifiers;
    bytes32 topic = Transaction.selector;
    assembly ("memory-safe") {
      let count := nullifiers.length
      let head := sub(copy, mul(add(6, count), 32))
      mstore(head, index)
      // outputCommitments: words 14 and 15 of the proof's head.
      calldatacopy(add(head, 32), add(proof, 448), 64)
      mstore(add(head, 96), 0xa0)
      mstore(add(head, 128), add(0xc0, mul(count, 32)))
      mstore(add(head, 160), count)
      calldatacopy(add(head, 192), nullifiers.offset, mul(count, 32))
      log1(head, add(sub(copy, head), _EXT_DATA_BYTES), topic)
    }
  }

  /// @dev Calls the verifier for the input count with the public signals in the circuits'
  ///   order: `batchRoot, archiveRootA, archiveRootB, publicAmount, extDataHash,
  ///   inputNullifier[k], outputCommitment[2]`. Every verifier takes static arrays, which
  ///   ABI-encode as their words in a row, and `Proof` starts with `a, b, c` and the five
  ///   roots and hashes in that order (13 words), so the call data is three copies.
  function _verifyProof(Proof calldata proof) private view returns (bool ok) {
    uint256[] calldata nullifiers = proof.inputNullifiers;
    uint256 count = nullifiers.length;
    (address verifier, bytes4 selector) = count == 1
      ? (address(verifier1), IVerifier1.verifyProof.selector)
      : count == 2
        ? (address(verifier2), IVerifier2.verifyProof.selector)
        : (address(verifier8), IVerifier8.verifyProof.selector);
    assembly ("memory-safe") {
      let ptr := mload(0x40)
      mstore(ptr, selector)
      calldatacopy(add(ptr, 4), proof, 416)
      calldatacopy(add(ptr, 420), nullifiers.offset, mul(count, 32))
      // outputCommitments: words 14 and 15 of the struct's head.
      calldatacopy(add(ptr, add(420, mul(count, 32))), add(proof, 448), 64)
      ok := staticcall(gas(), verifier, ptr, add(484, mul(count, 32)), 0, 32)
      ok := and(ok, and(eq(returndatasize(), 32), eq(mload(0), 1)))
    }
  }
}
