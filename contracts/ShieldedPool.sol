// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from '@openzeppelin/contracts/token/ERC20/IERC20.sol';
import {IERC20Permit} from '@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol';
import {SafeERC20} from '@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol';
import {MerkleTreeWithHistory} from './MerkleTreeWithHistory.sol';
import {IVerifier1} from './interfaces/IVerifier1.sol';
import {IVerifier2} from './interfaces/IVerifier2.sol';
import {IVerifier8} from './interfaces/IVerifier8.sol';

/// @title ShieldedPool
/// @notice A shielded pool of one ERC-20 token (docs/protocol.md, "Pool contract"). Every
///   transaction spends 1, 2 or 8 notes and creates 2, proven by a Groth16 proof, and may
///   shield (`extAmount > 0`), unshield (`extAmount < 0`) and pay a relayer fee.
contract ShieldedPool is MerkleTreeWithHistory {
  using SafeERC20 for IERC20;

  /// @notice A Groth16 proof and its public signals (`a`, `b`, `c` as snarkjs exports them).
  struct Proof {
    uint256[2] a;
    uint256[2][2] b;
    uint256[2] c;
    uint256 root;
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
  }

  /// @notice An EIP-2612 signature of `permit(msg.sender, pool, extAmount, deadline)`.
  struct Permit {
    uint256 deadline;
    uint8 v;
    bytes32 r;
    bytes32 s;
  }

  /// @notice `|extAmount|` must be below this.
  int256 public constant MAX_EXT_AMOUNT = 2 ** 248;
  /// @notice `fee` must be below this.
  uint256 public constant MAX_FEE = 2 ** 248;

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

  bool private transient _locked;

  /// @notice An output note, at leaf `index`, with its ciphertext for the recipient.
  event NewCommitment(uint256 commitment, uint256 index, bytes encryptedOutput);
  /// @notice A spent note's nullifier.
  event NewNullifier(uint256 nullifier);

  error UnknownRoot(uint256 root);
  error NullifierSpent(uint256 nullifier);
  error DuplicateNullifier(uint256 nullifier);
  error BadExtDataHash();
  error BadPublicAmount();
  error AmountTooLarge();
  error InvalidProof();
  error UnsupportedInputCount(uint256 count);
  error InvalidRecipient();
  error Reentrancy();

  modifier nonReentrant() {
    if (_locked) revert Reentrancy();
    _locked = true;
    _;
    _locked = false;
  }

  constructor(IERC20 token_, IVerifier1 verifier1_, IVerifier2 verifier2_, IVerifier8 verifier8_) {
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

  /// @notice `(extAmount - fee) mod p`, the proof's `publicAmount` for these amounts.
  function calculatePublicAmount(int256 extAmount, uint256 fee) public pure returns (uint256) {
    if (extAmount <= -MAX_EXT_AMOUNT || extAmount >= MAX_EXT_AMOUNT || fee >= MAX_FEE) {
      revert AmountTooLarge();
    }
    int256 publicAmount = extAmount - int256(fee);
    return publicAmount >= 0 ? uint256(publicAmount) : FIELD_SIZE - uint256(-publicAmount);
  }

  function _transact(Proof calldata proof, ExtData calldata extData) private {
    uint256[] calldata nullifiers = proof.inputNullifiers;
    uint256 count = nullifiers.length;
    if (count != 1 && count != 2 && count != 8) revert UnsupportedInputCount(count);
    if (!isKnownRoot(proof.root)) revert UnknownRoot(proof.root);
    for (uint256 i = 0; i < count; i++) {
      uint256 nullifier = nullifiers[i];
      if (nullifierHashes[nullifier]) revert NullifierSpent(nullifier);
      for (uint256 j = 0; j < i; j++) {
        if (nullifiers[j] == nullifier) revert DuplicateNullifier(nullifier);
      }
    }
    if (proof.extDataHash != uint256(keccak256(abi.encode(extData))) % FIELD_SIZE) {
      revert BadExtDataHash();
    }
    if (proof.publicAmount != calculatePublicAmount(extData.extAmount, extData.fee)) {
      revert BadPublicAmount();
    }
    if (extData.extAmount < 0 && extData.recipient == address(0)) revert InvalidRecipient();
    if (extData.fee > 0 && extData.relayer == address(0)) revert InvalidRecipient();
    if (!_verifyProof(proof)) revert InvalidProof();

    for (uint256 i = 0; i < count; i++) nullifierHashes[nullifiers[i]] = true;
    uint256 index = _insert(proof.outputCommitments[0], proof.outputCommitments[1]);

    if (extData.extAmount > 0) {
      token.safeTransferFrom(msg.sender, address(this), uint256(extData.extAmount));
    } else if (extData.extAmount < 0) {
      token.safeTransfer(extData.recipient, uint256(-extData.extAmount));
    }
    if (extData.fee > 0) token.safeTransfer(extData.relayer, extData.fee);

    emit NewCommitment(proof.outputCommitments[0], index, extData.encryptedOutput1);
    emit NewCommitment(proof.outputCommitments[1], index + 1, extData.encryptedOutput2);
    for (uint256 i = 0; i < count; i++) emit NewNullifier(nullifiers[i]);
  }

  /// @dev Public signals in the circuits' order:
  ///   `root, publicAmount, extDataHash, inputNullifier[k], outputCommitment[2]`.
  function _verifyProof(Proof calldata proof) private view returns (bool) {
    uint256[] calldata nullifiers = proof.inputNullifiers;
    if (nullifiers.length == 1) {
      uint256[6] memory signals = [
        proof.root,
        proof.publicAmount,
        proof.extDataHash,
        nullifiers[0],
        proof.outputCommitments[0],
        proof.outputCommitments[1]
      ];
      return verifier1.verifyProof(proof.a, proof.b, proof.c, signals);
    }
    if (nullifiers.length == 2) {
      uint256[7] memory signals = [
        proof.root,
        proof.publicAmount,
        proof.extDataHash,
        nullifiers[0],
        nullifiers[1],
        proof.outputCommitments[0],
        proof.outputCommitments[1]
      ];
      return verifier2.verifyProof(proof.a, proof.b, proof.c, signals);
    }
    uint256[13] memory signals8;
    signals8[0] = proof.root;
    signals8[1] = proof.publicAmount;
    signals8[2] = proof.extDataHash;
    for (uint256 i = 0; i < 8; i++) signals8[3 + i] = nullifiers[i];
    signals8[11] = proof.outputCommitments[0];
    signals8[12] = proof.outputCommitments[1];
    return verifier8.verifyProof(proof.a, proof.b, proof.c, signals8);
  }
}
