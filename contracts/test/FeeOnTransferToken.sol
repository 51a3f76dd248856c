// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from '@openzeppelin/contracts/token/ERC20/ERC20.sol';

/// @title FeeOnTransferToken
/// @notice A token that burns 1% of every transfer, to show the pool refuses to credit
///   more than it received.
contract FeeOnTransferToken is ERC20 {
  constructor() ERC20('Fee Token', 'FEE') {}

  function mint(address to, uint256 amount) external {
    _mint(to, amount);
  }

  function _update(address from, address to, uint256 value) internal override {
    if (from != address(0) && to != address(0)) {
      uint256 burnt = value / 100;
      super._update(from, address(0), burnt);
      value -= burnt;
    }
    super._update(from, to, value);
  }
}
