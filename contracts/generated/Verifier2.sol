// SPDX-License-Identifier: GPL-3.0
/*
    Copyright 2021 0KIMS association.

    This file is generated with [snarkJS](https://github.com/iden3/snarkjs).

    snarkJS is a free software: you can redistribute it and/or modify it
    under the terms of the GNU General Public License as published by
    the Free Software Foundation, either version 3 of the License, or
    (at your option) any later version.

    snarkJS is distributed in the hope that it will be useful, but WITHOUT
    ANY WARRANTY; without even the implied warranty of MERCHANTABILITY
    or FITNESS FOR A PARTICULAR PURPOSE. See the GNU General Public
    License for more details.

    You should have received a copy of the GNU General Public License
    along with snarkJS. If not, see <https://www.gnu.org/licenses/>.
*/

pragma solidity >=0.7.0 <0.9.0;

contract Verifier2 {
    // Scalar field size
    uint256 constant r    = 21888242871839275222246405745257275088548364400416034343698204186575808495617;
    // Base field size
    uint256 constant q   = 21888242871839275222246405745257275088696311157297823662689037894645226208583;

    // Verification Key data
    uint256 constant alphax  = 20814720464404673423524766394654641585310647297041426838197721359314943103921;
    uint256 constant alphay  = 8982765758252618618830766038949259661673561427063037923919658950775584950857;
    uint256 constant betax1  = 14510134717765783227718742650260030234465062377118919056776724018104262699107;
    uint256 constant betax2  = 14851883563679180724750555035929449336320884862565982716786563317808514898394;
    uint256 constant betay1  = 11841909152293649991191058857838439701834969113663145477644611528178598571094;
    uint256 constant betay2  = 2933317313593811019680162154115421383945196104560987610265824522150383506737;
    uint256 constant gammax1 = 11559732032986387107991004021392285783925812861821192530917403151452391805634;
    uint256 constant gammax2 = 10857046999023057135944570762232829481370756359578518086990519993285655852781;
    uint256 constant gammay1 = 4082367875863433681332203403145435568316851327593401208105741076214120093531;
    uint256 constant gammay2 = 8495653923123431417604973247489272438418190587263600148770280649306958101930;
    uint256 constant deltax1 = 19598128545812558516029125662775560021393670858295502104654781671815443296203;
    uint256 constant deltax2 = 20775279213223997385239217340616623449672323923559584314404702910910031754805;
    uint256 constant deltay1 = 15247737799706430612427432201146813301846271485488093683565335402969549134325;
    uint256 constant deltay2 = 14121322186828741304115339496329094014086165319246829305162983042522096644450;

    
    uint256 constant IC0x = 20536246608686524583960809562073618475980704565710988034919198086060094413461;
    uint256 constant IC0y = 11393172664243162311134155090490376646265876445733416000479288883093926052540;
    
    uint256 constant IC1x = 1579926437306278889192448582056413791411881998494526788854253543785615599400;
    uint256 constant IC1y = 7380407249002374646205703831623410429897509331851644792498473574852536158549;
    
    uint256 constant IC2x = 8834984678728547471227376463545034001909533951177147914650829512195251599037;
    uint256 constant IC2y = 11849788842204738978707404187601151549611272721548866857347373273402859011963;
    
    uint256 constant IC3x = 20244291930751930732807361259898155213238693852132548303435846942891142290780;
    uint256 constant IC3y = 13985061665018704209579935737775181071781622499958304498207904398853531975045;
    
    uint256 constant IC4x = 16203408022553621200006901182594115089020960232620700708392856432114414096119;
    uint256 constant IC4y = 2864264770568268949782451385885035509969013009205563577736427095996731954664;
    
    uint256 constant IC5x = 20766512202683441190613006789449694370243263309607851145525068410498633480660;
    uint256 constant IC5y = 13842369202358022382676709132086648125379218610089259284604123393254331026416;
    
    uint256 constant IC6x = 14900552952680729689209914398652763184353791486392519283722846997928513102092;
    uint256 constant IC6y = 10743410112103357755703408455775004306306518874040019079833137488095969062428;
    
    uint256 constant IC7x = 16700802427141660598893869556863816923903795786562154779962064199532148352017;
    uint256 constant IC7y = 18421341629655299926927194027890130823557370582167420933191481683470681228778;
    
    uint256 constant IC8x = 8953313927792475006725559660777705151885729446812939848604048756169255921006;
    uint256 constant IC8y = 15498308145264397195361820247887897212513133058478096085555560457611713240759;
    
    uint256 constant IC9x = 4528511320248669855245698339705155060705437938688744864110899407393471720619;
    uint256 constant IC9y = 19401201948217888313120828896410120243009264088679513550540029653825984298204;
    
 
    // Memory data
    uint16 constant pVk = 0;
    uint16 constant pPairing = 128;

    uint16 constant pLastMem = 896;

    function verifyProof(uint[2] calldata _pA, uint[2][2] calldata _pB, uint[2] calldata _pC, uint[9] calldata _pubSignals) public view returns (bool) {
        assembly {
            function checkField(v) {
                if iszero(lt(v, r)) {
                    mstore(0, 0)
                    return(0, 0x20)
                }
            }
            
            // G1 function to multiply a G1 value(x,y) to value in an address
            function g1_mulAccC(pR, x, y, s) {
                let success
                let mIn := mload(0x40)
                mstore(mIn, x)
                mstore(add(mIn, 32), y)
                mstore(add(mIn, 64), s)

                success := staticcall(sub(gas(), 2000), 7, mIn, 96, mIn, 64)

                if iszero(success) {
                    mstore(0, 0)
                    return(0, 0x20)
                }

                mstore(add(mIn, 64), mload(pR))
                mstore(add(mIn, 96), mload(add(pR, 32)))

                success := staticcall(sub(gas(), 2000), 6, mIn, 128, pR, 64)

                if iszero(success) {
                    mstore(0, 0)
                    return(0, 0x20)
                }
            }

            function checkPairing(pA, pB, pC, pubSignals, pMem) -> isOk {
                let _pPairing := add(pMem, pPairing)
                let _pVk := add(pMem, pVk)

                mstore(_pVk, IC0x)
                mstore(add(_pVk, 32), IC0y)

                // Compute the linear combination vk_x
                
                g1_mulAccC(_pVk, IC1x, IC1y, calldataload(add(pubSignals, 0)))
                
                g1_mulAccC(_pVk, IC2x, IC2y, calldataload(add(pubSignals, 32)))
                
                g1_mulAccC(_pVk, IC3x, IC3y, calldataload(add(pubSignals, 64)))
                
                g1_mulAccC(_pVk, IC4x, IC4y, calldataload(add(pubSignals, 96)))
                
                g1_mulAccC(_pVk, IC5x, IC5y, calldataload(add(pubSignals, 128)))
                
                g1_mulAccC(_pVk, IC6x, IC6y, calldataload(add(pubSignals, 160)))
                
                g1_mulAccC(_pVk, IC7x, IC7y, calldataload(add(pubSignals, 192)))
                
                g1_mulAccC(_pVk, IC8x, IC8y, calldataload(add(pubSignals, 224)))
                
                g1_mulAccC(_pVk, IC9x, IC9y, calldataload(add(pubSignals, 256)))
                

                // -A
                mstore(_pPairing, calldataload(pA))
                mstore(add(_pPairing, 32), mod(sub(q, calldataload(add(pA, 32))), q))

                // B
                mstore(add(_pPairing, 64), calldataload(pB))
                mstore(add(_pPairing, 96), calldataload(add(pB, 32)))
                mstore(add(_pPairing, 128), calldataload(add(pB, 64)))
                mstore(add(_pPairing, 160), calldataload(add(pB, 96)))

                // alpha1
                mstore(add(_pPairing, 192), alphax)
                mstore(add(_pPairing, 224), alphay)

                // beta2
                mstore(add(_pPairing, 256), betax1)
                mstore(add(_pPairing, 288), betax2)
                mstore(add(_pPairing, 320), betay1)
                mstore(add(_pPairing, 352), betay2)

                // vk_x
                mstore(add(_pPairing, 384), mload(add(pMem, pVk)))
                mstore(add(_pPairing, 416), mload(add(pMem, add(pVk, 32))))


                // gamma2
                mstore(add(_pPairing, 448), gammax1)
                mstore(add(_pPairing, 480), gammax2)
                mstore(add(_pPairing, 512), gammay1)
                mstore(add(_pPairing, 544), gammay2)

                // C
                mstore(add(_pPairing, 576), calldataload(pC))
                mstore(add(_pPairing, 608), calldataload(add(pC, 32)))

                // delta2
                mstore(add(_pPairing, 640), deltax1)
                mstore(add(_pPairing, 672), deltax2)
                mstore(add(_pPairing, 704), deltay1)
                mstore(add(_pPairing, 736), deltay2)


                let success := staticcall(sub(gas(), 2000), 8, _pPairing, 768, _pPairing, 0x20)

                isOk := and(success, mload(_pPairing))
            }

            let pMem := mload(0x40)
            mstore(0x40, add(pMem, pLastMem))

            // Validate that all evaluations ∈ F
            
            checkField(calldataload(add(_pubSignals, 0)))
            
            checkField(calldataload(add(_pubSignals, 32)))
            
            checkField(calldataload(add(_pubSignals, 64)))
            
            checkField(calldataload(add(_pubSignals, 96)))
            
            checkField(calldataload(add(_pubSignals, 128)))
            
            checkField(calldataload(add(_pubSignals, 160)))
            
            checkField(calldataload(add(_pubSignals, 192)))
            
            checkField(calldataload(add(_pubSignals, 224)))
            
            checkField(calldataload(add(_pubSignals, 256)))
            

            // Validate all evaluations
            let isValid := checkPairing(_pA, _pB, _pC, _pubSignals, pMem)

            mstore(0, isValid)
             return(0, 0x20)
         }
     }
 }
