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

    
    uint256 constant IC0x = 3506567265001960524066516100191157847724321770146095347407924146361968141565;
    uint256 constant IC0y = 11276861541585635884234423909340267118686174316198754601101029878310463277490;
    
    uint256 constant IC1x = 14910978225960701088439963406415318304270853898020760603356764612858448587316;
    uint256 constant IC1y = 12440174670985900821802675475419674220461896300355440595599463322158195689535;
    
    uint256 constant IC2x = 4053287473589334336194080139736335497445043138799894657261854935623840070119;
    uint256 constant IC2y = 17073336852835594895224263659864810010131339249513308996630595948232307666025;
    
    uint256 constant IC3x = 17401202686956240555988432542639887856834588192274251780699071864918017142985;
    uint256 constant IC3y = 15136710417166999052927977075432902151559059865255146660928577464134079275630;
    
    uint256 constant IC4x = 15769558775033689112262500730506909914838951524419286012232129809752651772999;
    uint256 constant IC4y = 19280669837581293006390517847407240103553014864110727362838338047714132190367;
    
    uint256 constant IC5x = 19262753665790563944576134543217348911870383633632146238441289799855585274083;
    uint256 constant IC5y = 19076955133008828768494117947909272408909351290727574783237838836715029007407;
    
    uint256 constant IC6x = 9868011104615716380718276742431952498697008259070179288488872777115470591358;
    uint256 constant IC6y = 7590259447644288361443902666758026574961245639478949888094275669005588491462;
    
    uint256 constant IC7x = 12123823912062763838151992914936007436217597373122586101132715058244310445951;
    uint256 constant IC7y = 12240709669184667325472504528743600386546561772202568535228407569464771558795;
    
    uint256 constant IC8x = 5235174403998923748442122240277633662717933127324270386613648643915638541779;
    uint256 constant IC8y = 13756170059370281080077525979526887116488623974387899570453992336855315315056;
    
    uint256 constant IC9x = 14703934083899811102868756533966988038417581965466088304179613474090225018691;
    uint256 constant IC9y = 1995513940663943477750439135798255665442419913949065620929166709542722715736;
    
    uint256 constant IC10x = 7442214352191976907773714533034468744612257659911416474627803882887031547213;
    uint256 constant IC10y = 14113443224923301072652028133073526125237130847185413617103256655145115227667;
    
    uint256 constant IC11x = 21065953265596918677326271143187650115401537426766289776565737429051559012731;
    uint256 constant IC11y = 18575598690920113472960455381807791610378384761168535828226877968437320719026;
    
    uint256 constant IC12x = 17004537037623187637794626694706841255631742918272508824259684759343770349164;
    uint256 constant IC12y = 8571338622349761160033748152376389522942171436342745119054406540450826283525;
    
    uint256 constant IC13x = 15954805970516690609156539643590681962250513830325806511469296434266429883457;
    uint256 constant IC13y = 6246832474336944503222354282450568606267105350348825248444430636385861845556;
    
 
    // Memory data
    uint16 constant pVk = 0;
    uint16 constant pPairing = 128;

    uint16 constant pLastMem = 896;

    function verifyProof(uint[2] calldata _pA, uint[2][2] calldata _pB, uint[2] calldata _pC, uint[13] calldata _pubSignals) public view returns (bool) {
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
            

            // Validate all evaluations
            let isValid := checkPairing(_pA, _pB, _pC, _pubSignals, pMem)

            mstore(0, isValid)
             return(0, 0x20)
         }
     }
 }
