// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from '@openzeppelin/contracts/token/ERC20/ERC20.sol';
import {ERC20Permit} from '@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol';

/// @title TestToken
/// @notice The pool's token on test chains: an 18-decimal ERC-20 with EIP-2612 permits
///   that anyone can mint.
contract TestToken is ERC20, ERC20Permit {
  constructor() ERC20('zkpay Test Dollar', 'zUSD') ERC20Permit('zkpay Test Dollar') {}

  /// @notice Mints `amount` to `to`, for anyone: this is a test token.
  function mint(address to, uint256 amount) external {
    _mint(to, amount);
  }
}
