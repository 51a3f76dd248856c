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

contract Verifier8 {
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

    
    uint256 constant IC0x = 4662170704724811049629945624553543111141317344680006162905031140532806634550;
    uint256 constant IC0y = 17361355160494096563822313865900212873480814576518395741711062162671369925738;
    
    uint256 constant IC1x = 18742815771336046828411644097167649503486319660959650518975070295550264503865;
    uint256 constant IC1y = 20441328056335072061530329836824097849985237009722197827430959325749603564927;
    
    uint256 constant IC2x = 3070043686975495401879617204146272046298821351435507551706892345239563331168;
    uint256 constant IC2y = 12129629305788853678761918457788356960811619449571286216302358736342326539699;
    
    uint256 constant IC3x = 18667579387162661705723126493676562599279703137485538747190559937777806624804;
    uint256 constant IC3y = 6380349634267893889478480813387227176378837480159197055044961079580767805527;
    
    uint256 constant IC4x = 14811208830190609623626721685628771001524241930595416011471603626926949143442;
    uint256 constant IC4y = 10792892408097641832707881554617179883549541338877349932669167414739625611576;
    
    uint256 constant IC5x = 4436399345754287864428252949827464401552085539427895896056580161500714905080;
    uint256 constant IC5y = 6699257764322769996133435919551930419074094267767747409298976017712528636464;
    
    uint256 constant IC6x = 18409674371140547155107504811621829922766304032538865342382961087599809597395;
    uint256 constant IC6y = 170336240771584143986847670037300639630953007210004680350215160872020847105;
    
    uint256 constant IC7x = 6480758361648926034293494803341755141055503312078723816553489658874192599255;
    uint256 constant IC7y = 14930631723877595937232633759696845636899469894811375677258007363325193643981;
    
    uint256 constant IC8x = 20341305410305429597219453810336876014965290032880741102828132596692401764351;
    uint256 constant IC8y = 2111325786769214471199206787506671671336302485143197842315099511212519703425;
    
    uint256 constant IC9x = 8951627456245179612363530204103546923488705225360034974614382747524665878821;
    uint256 constant IC9y = 4981161938570048446605147228706596723894695947069651840271754938020442492199;
    
    uint256 constant IC10x = 5737277905343603027127652080916286267678840715734004032336894140540599859839;
    uint256 constant IC10y = 20812134757238774663640263445270884373619438395769340493056413202153451834692;
    
    uint256 constant IC11x = 10793353964500243448556460056013210470269585647934269730063048962964774719886;
    uint256 constant IC11y = 19521299037343630562577205607805934753414871508819140901653226984552161519046;
    
    uint256 constant IC12x = 3264687338908371337329505656214197473104428228507233497876308838396475446100;
    uint256 constant IC12y = 13875104472771920425069913419944390359292565599054855248193286953939721409658;
    
    uint256 constant IC13x = 6935997057960392795145259356101868966664449208548889695880357003272123603202;
    uint256 constant IC13y = 19693079087133977673577762350299867261847508304941672571793121960185477548564;
    
    uint256 constant IC14x = 3154283005892290396168975255240311235523376529962006900467265763097842644392;
    uint256 constant IC14y = 6112057033011705760918165274081339370670411609216276062883683534878172975230;
    
    uint256 constant IC15x = 17660435818145855516868433155405937761847793344187392430362722653440272859259;
    uint256 constant IC15y = 3956544384666086963939932490727280418954512899667777637277912888495873819537;
    
 
    // Memory data
    uint16 constant pVk = 0;
    uint16 constant pPairing = 128;

    uint16 constant pLastMem = 896;

    function verifyProof(uint[2] calldata _pA, uint[2][2] calldata _pB, uint[2] calldata _pC, uint[15] calldata _pubSignals) public view returns (bool) {
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
                
                g1_mulAccC(_pVk, IC10x, IC10y, calldataload(add(pubSignals, 288)))
                
                g1_mulAccC(_pVk, IC11x, IC11y, calldataload(add(pubSignals, 320)))
                
                g1_mulAccC(_pVk, IC12x, IC12y, calldataload(add(pubSignals, 352)))
                
                g1_mulAccC(_pVk, IC13x, IC13y, calldataload(add(pubSignals, 384)))
                
                g1_mulAccC(_pVk, IC14x, IC14y, calldataload(add(pubSignals, 416)))
                
                g1_mulAccC(_pVk, IC15x, IC15y, calldataload(add(pubSignals, 448)))
                

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
            
            checkField(calldataload(add(_pubSignals, 288)))
            
            checkField(calldataload(add(_pubSignals, 320)))
            
            checkField(calldataload(add(_pubSignals, 352)))
            
            checkField(calldataload(add(_pubSignals, 384)))
            
            checkField(calldataload(add(_pubSignals, 416)))
            
            checkField(calldataload(add(_pubSignals, 448)))
            

            // Validate all evaluations
            let isValid := checkPairing(_pA, _pB, _pC, _pubSignals, pMem)

            mstore(0, isValid)
             return(0, 0x20)
         }
     }
 }
