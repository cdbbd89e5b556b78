// @generated from data/trade_economies.csv by scripts/gen_trade_economies.py (Debian iso-codes
// 4.15.0, json/iso_3166-1.json and json/iso_3166-3.json, and the trade codes the script cites).
// Do not edit by hand; tests/geo/economies.rs checks it against the CSV.

use super::economy::{EconomyKind, OtherRow};

/// Every code that names an economy: (code, economy index, lists: 1 BACI, 2 Comtrade reporter,
/// 4 Comtrade partner), sorted by code. Indices below 249 are countries (alpha-2 order).
pub(super) static CODES: &[(u16, u16, u8)] = &[
    (0, 249, 4),
    (4, 2, 7),
    (8, 5, 7),
    (10, 8, 7),
    (12, 61, 7),
    (16, 10, 7),
    (20, 0, 7),
    (24, 7, 7),
    (28, 3, 7),
    (31, 15, 7),
    (32, 9, 7),
    (36, 12, 7),
    (40, 11, 7),
    (44, 31, 7),
    (48, 22, 7),
    (50, 18, 7),
    (51, 6, 7),
    (52, 17, 7),
    (56, 19, 7),
    (58, 250, 7),
    (60, 26, 7),
    (64, 32, 7),
    (68, 28, 7),
    (70, 16, 7),
    (72, 34, 7),
    (74, 33, 7),
    (76, 30, 7),
    (84, 36, 7),
    (86, 105, 7),
    (90, 193, 7),
    (92, 238, 7),
    (96, 27, 7),
    (97, 251, 2),
    (100, 21, 7),
    (104, 145, 7),
    (108, 23, 7),
    (112, 35, 7),
    (116, 116, 7),
    (120, 46, 7),
    (124, 37, 7),
    (128, 252, 0),
    (132, 51, 7),
    (136, 123, 7),
    (140, 40, 7),
    (144, 129, 7),
    (148, 214, 7),
    (152, 45, 7),
    (156, 47, 7),
    (158, 227, 7),
    (162, 53, 7),
    (166, 38, 7),
    (170, 48, 7),
    (174, 118, 7),
    (175, 245, 7),
    (178, 41, 7),
    (180, 39, 7),
    (184, 44, 7),
    (188, 49, 7),
    (191, 97, 7),
    (192, 50, 7),
    (196, 54, 7),
    (200, 253, 6),
    (203, 55, 7),
    (204, 24, 7),
    (208, 58, 7),
    (212, 59, 7),
    (214, 60, 7),
    (216, 254, 0),
    (218, 62, 7),
    (222, 209, 7),
    (226, 87, 7),
    (231, 68, 7),
    (232, 66, 7),
    (233, 63, 7),
    (234, 73, 7),
    (238, 71, 7),
    (239, 89, 7),
    (242, 70, 7),
    (246, 69, 7),
    (248, 14, 7),
    (249, 255, 0),
    (250, 74, 0),
    (251, 74, 7),
    (254, 79, 7),
    (258, 174, 7),
    (260, 215, 7),
    (262, 57, 7),
    (266, 75, 7),
    (268, 78, 7),
    (270, 84, 7),
    (275, 182, 7),
    (276, 56, 7),
    (278, 256, 0),
    (280, 257, 6),
    (288, 81, 7),
    (292, 82, 7),
    (296, 117, 7),
    (300, 88, 7),
    (304, 83, 7),
    (308, 77, 7),
    (312, 86, 7),
    (316, 91, 7),
    (320, 90, 7),
    (324, 85, 7),
    (328, 93, 7),
    (332, 98, 7),
    (334, 95, 7),
    (336, 235, 7),
    (340, 96, 7),
    (344, 94, 7),
    (348, 99, 7),
    (352, 108, 7),
    (356, 104, 0),
    (360, 100, 7),
    (364, 107, 7),
    (368, 106, 7),
    (372, 101, 7),
    (376, 102, 7),
    (380, 109, 7),
    (384, 43, 7),
    (388, 111, 7),
    (392, 113, 7),
    (396, 258, 0),
    (398, 124, 7),
    (400, 112, 7),
    (404, 114, 7),
    (408, 120, 7),
    (410, 121, 7),
    (414, 122, 7),
    (417, 115, 7),
    (418, 125, 7),
    (422, 126, 7),
    (426, 131, 7),
    (428, 134, 7),
    (430, 130, 7),
    (434, 135, 7),
    (438, 128, 7),
    (440, 132, 7),
    (442, 133, 7),
    (446, 147, 7),
    (450, 141, 7),
    (454, 155, 7),
    (458, 157, 7),
    (462, 154, 7),
    (466, 144, 7),
    (470, 152, 7),
    (474, 149, 7),
    (478, 150, 7),
    (480, 153, 7),
    (484, 156, 7),
    (488, 259, 0),
    (490, 260, 5),
    (492, 137, 7),
    (496, 146, 7),
    (498, 138, 7),
    (499, 139, 7),
    (500, 151, 7),
    (504, 136, 7),
    (508, 158, 7),
    (512, 171, 7),
    (516, 159, 7),
    (520, 168, 7),
    (524, 167, 7),
    (528, 165, 7),
    (530, 261, 7),
    (531, 52, 7),
    (533, 13, 7),
    (534, 210, 7),
    (535, 29, 7),
    (536, 262, 0),
    (540, 160, 7),
    (548, 241, 7),
    (554, 170, 7),
    (558, 164, 7),
    (562, 161, 7),
    (566, 163, 7),
    (570, 169, 7),
    (574, 162, 7),
    (578, 166, 0),
    (579, 166, 7),
    (580, 148, 7),
    (581, 231, 7),
    (582, 263, 0),
    (583, 72, 7),
    (584, 142, 7),
    (585, 184, 7),
    (586, 177, 7),
    (591, 172, 7),
    (598, 175, 7),
    (600, 185, 7),
    (604, 173, 7),
    (608, 176, 7),
    (612, 180, 7),
    (616, 178, 7),
    (620, 183, 7),
    (624, 92, 7),
    (626, 220, 7),
    (630, 181, 7),
    (634, 186, 7),
    (638, 187, 7),
    (642, 188, 7),
    (643, 190, 7),
    (646, 191, 7),
    (652, 25, 7),
    (654, 198, 7),
    (659, 119, 7),
    (660, 4, 7),
    (662, 127, 7),
    (663, 140, 7),
    (666, 179, 7),
    (670, 236, 7),
    (674, 203, 7),
    (678, 208, 7),
    (682, 192, 7),
    (686, 204, 7),
    (688, 189, 7),
    (690, 194, 7),
    (694, 202, 7),
    (697, 264, 5),
    (699, 104, 7),
    (702, 197, 7),
    (703, 201, 7),
    (704, 240, 7),
    (705, 199, 7),
    (706, 205, 7),
    (710, 246, 7),
    (711, 265, 7),
    (716, 248, 7),
    (720, 266, 0),
    (724, 67, 7),
    (728, 207, 7),
    (729, 195, 7),
    (732, 65, 7),
    (736, 267, 7),
    (740, 206, 7),
    (744, 200, 7),
    (748, 212, 7),
    (752, 196, 7),
    (756, 42, 0),
    (757, 42, 7),
    (760, 211, 7),
    (762, 218, 7),
    (764, 217, 7),
    (768, 216, 7),
    (772, 219, 7),
    (776, 223, 7),
    (780, 225, 7),
    (784, 1, 7),
    (788, 222, 7),
    (792, 224, 7),
    (795, 221, 7),
    (796, 213, 7),
    (798, 226, 7),
    (800, 230, 7),
    (804, 229, 7),
    (807, 143, 7),
    (810, 268, 6),
    (818, 64, 7),
    (826, 76, 7),
    (831, 80, 7),
    (832, 110, 7),
    (833, 103, 7),
    (834, 228, 7),
    (840, 232, 0),
    (842, 232, 7),
    (849, 269, 5),
    (850, 239, 7),
    (854, 20, 7),
    (858, 233, 7),
    (860, 234, 7),
    (862, 237, 7),
    (872, 270, 0),
    (876, 242, 7),
    (882, 243, 7),
    (887, 244, 7),
    (890, 271, 6),
    (891, 272, 7),
    (894, 247, 7),
    (899, 273, 4),
];

/// The code the trade databases write for each country, by country index (842 for the USA).
pub(super) static COUNTRY_TRADE_CODES: &[u16] = &[
    20,  // AD
    784, // AE
    4,   // AF
    28,  // AG
    660, // AI
    8,   // AL
    51,  // AM
    24,  // AO
    10,  // AQ
    32,  // AR
    16,  // AS
    40,  // AT
    36,  // AU
    533, // AW
    248, // AX
    31,  // AZ
    70,  // BA
    52,  // BB
    50,  // BD
    56,  // BE
    854, // BF
    100, // BG
    48,  // BH
    108, // BI
    204, // BJ
    652, // BL
    60,  // BM
    96,  // BN
    68,  // BO
    535, // BQ
    76,  // BR
    44,  // BS
    64,  // BT
    74,  // BV
    72,  // BW
    112, // BY
    84,  // BZ
    124, // CA
    166, // CC
    180, // CD
    140, // CF
    178, // CG
    757, // CH
    384, // CI
    184, // CK
    152, // CL
    120, // CM
    156, // CN
    170, // CO
    188, // CR
    192, // CU
    132, // CV
    531, // CW
    162, // CX
    196, // CY
    203, // CZ
    276, // DE
    262, // DJ
    208, // DK
    212, // DM
    214, // DO
    12,  // DZ
    218, // EC
    233, // EE
    818, // EG
    732, // EH
    232, // ER
    724, // ES
    231, // ET
    246, // FI
    242, // FJ
    238, // FK
    583, // FM
    234, // FO
    251, // FR
    266, // GA
    826, // GB
    308, // GD
    268, // GE
    254, // GF
    831, // GG
    288, // GH
    292, // GI
    304, // GL
    270, // GM
    324, // GN
    312, // GP
    226, // GQ
    300, // GR
    239, // GS
    320, // GT
    316, // GU
    624, // GW
    328, // GY
    344, // HK
    334, // HM
    340, // HN
    191, // HR
    332, // HT
    348, // HU
    360, // ID
    372, // IE
    376, // IL
    833, // IM
    699, // IN
    86,  // IO
    368, // IQ
    364, // IR
    352, // IS
    380, // IT
    832, // JE
    388, // JM
    400, // JO
    392, // JP
    404, // KE
    417, // KG
    116, // KH
    296, // KI
    174, // KM
    659, // KN
    408, // KP
    410, // KR
    414, // KW
    136, // KY
    398, // KZ
    418, // LA
    422, // LB
    662, // LC
    438, // LI
    144, // LK
    430, // LR
    426, // LS
    440, // LT
    442, // LU
    428, // LV
    434, // LY
    504, // MA
    492, // MC
    498, // MD
    499, // ME
    663, // MF
    450, // MG
    584, // MH
    807, // MK
    466, // ML
    104, // MM
    496, // MN
    446, // MO
    580, // MP
    474, // MQ
    478, // MR
    500, // MS
    470, // MT
    480, // MU
    462, // MV
    454, // MW
    484, // MX
    458, // MY
    508, // MZ
    516, // NA
    540, // NC
    562, // NE
    574, // NF
    566, // NG
    558, // NI
    528, // NL
    579, // NO
    524, // NP
    520, // NR
    570, // NU
    554, // NZ
    512, // OM
    591, // PA
    604, // PE
    258, // PF
    598, // PG
    608, // PH
    586, // PK
    616, // PL
    666, // PM
    612, // PN
    630, // PR
    275, // PS
    620, // PT
    585, // PW
    600, // PY
    634, // QA
    638, // RE
    642, // RO
    688, // RS
    643, // RU
    646, // RW
    682, // SA
    90,  // SB
    690, // SC
    729, // SD
    752, // SE
    702, // SG
    654, // SH
    705, // SI
    744, // SJ
    703, // SK
    694, // SL
    674, // SM
    686, // SN
    706, // SO
    740, // SR
    728, // SS
    678, // ST
    222, // SV
    534, // SX
    760, // SY
    748, // SZ
    796, // TC
    148, // TD
    260, // TF
    768, // TG
    764, // TH
    762, // TJ
    772, // TK
    626, // TL
    795, // TM
    788, // TN
    776, // TO
    792, // TR
    780, // TT
    798, // TV
    158, // TW
    834, // TZ
    804, // UA
    800, // UG
    581, // UM
    842, // US
    858, // UY
    860, // UZ
    336, // VA
    670, // VC
    862, // VE
    92,  // VG
    850, // VI
    704, // VN
    548, // VU
    876, // WF
    882, // WS
    887, // YE
    175, // YT
    710, // ZA
    894, // ZM
    716, // ZW
];

/// Comtrade's spellings of country names: (name, country index).
pub(super) static COUNTRY_NAMES: &[(&str, u16)] = &[
    ("Bolivia (Plurinational State of)", 28),
    ("Dem. Rep. of the Congo", 39),
    ("China, Hong Kong SAR", 94),
    ("Rep. of Korea", 121),
    ("China, Macao SAR", 147),
    ("Türkiye", 224),
    ("United Rep. of Tanzania", 228),
];

/// The economies that are not countries, by index from 249, ordered by code.
pub(super) static OTHERS: &[OtherRow] = &[
    OtherRow {
        code: 0,
        kind: EconomyKind::World,
        name: "World",
        other_names: &[],
        alpha3: "",
        last_year: None,
        successors: &[],
    },
    OtherRow {
        code: 58,
        kind: EconomyKind::Historic,
        name: "Belgium-Luxembourg (...1998)",
        other_names: &["Belgium-Luxembourg"],
        alpha3: "",
        last_year: Some(1998),
        successors: &["BE", "LU"],
    },
    OtherRow {
        code: 97,
        kind: EconomyKind::Group,
        name: "European Union",
        other_names: &["EU"],
        alpha3: "",
        last_year: None,
        successors: &[],
    },
    OtherRow {
        code: 128,
        kind: EconomyKind::Historic,
        name: "Canton and Enderbury Islands",
        other_names: &[],
        alpha3: "CTE",
        last_year: Some(1984),
        successors: &[],
    },
    OtherRow {
        code: 200,
        kind: EconomyKind::Historic,
        name: "Czechoslovakia",
        other_names: &[],
        alpha3: "CSK",
        last_year: Some(1993),
        successors: &["CZ", "SK"],
    },
    OtherRow {
        code: 216,
        kind: EconomyKind::Historic,
        name: "Dronning Maud Land",
        other_names: &[],
        alpha3: "ATN",
        last_year: Some(1983),
        successors: &[],
    },
    OtherRow {
        code: 249,
        kind: EconomyKind::Historic,
        name: "France, Metropolitan",
        other_names: &[],
        alpha3: "FXX",
        last_year: Some(1997),
        successors: &[],
    },
    OtherRow {
        code: 278,
        kind: EconomyKind::Historic,
        name: "German Democratic Republic",
        other_names: &[],
        alpha3: "DDR",
        last_year: Some(1990),
        successors: &[],
    },
    OtherRow {
        code: 280,
        kind: EconomyKind::Historic,
        name: "Fed. Rep. of Germany (...1990)",
        other_names: &["Fed. Rep. of Germany"],
        alpha3: "",
        last_year: Some(1990),
        successors: &["DE"],
    },
    OtherRow {
        code: 396,
        kind: EconomyKind::Historic,
        name: "Johnston Island",
        other_names: &[],
        alpha3: "JTN",
        last_year: Some(1986),
        successors: &[],
    },
    OtherRow {
        code: 488,
        kind: EconomyKind::Historic,
        name: "Midway Islands",
        other_names: &[],
        alpha3: "MID",
        last_year: Some(1986),
        successors: &[],
    },
    OtherRow {
        code: 490,
        kind: EconomyKind::Nes,
        name: "Other Asia, nes",
        other_names: &[],
        alpha3: "S19",
        last_year: None,
        successors: &[],
    },
    OtherRow {
        code: 530,
        kind: EconomyKind::Historic,
        name: "Netherlands Antilles",
        other_names: &[],
        alpha3: "ANT",
        last_year: Some(2010),
        successors: &["CW", "SX", "BQ"],
    },
    OtherRow {
        code: 536,
        kind: EconomyKind::Historic,
        name: "Neutral Zone",
        other_names: &[],
        alpha3: "NTZ",
        last_year: Some(1993),
        successors: &[],
    },
    OtherRow {
        code: 582,
        kind: EconomyKind::Historic,
        name: "Pacific Islands (trust territory)",
        other_names: &[],
        alpha3: "PCI",
        last_year: Some(1986),
        successors: &[],
    },
    OtherRow {
        code: 697,
        kind: EconomyKind::Nes,
        name: "Europe EFTA, nes",
        other_names: &[],
        alpha3: "R20",
        last_year: None,
        successors: &[],
    },
    OtherRow {
        code: 711,
        kind: EconomyKind::CustomsUnion,
        name: "Southern African Customs Union (...1999)",
        other_names: &["Southern African Customs Union", "SACU"],
        alpha3: "ZA1",
        last_year: Some(1999),
        successors: &["ZA", "BW", "LS", "NA", "SZ"],
    },
    OtherRow {
        code: 720,
        kind: EconomyKind::Historic,
        name: "Yemen, Democratic, People's Democratic Republic of",
        other_names: &[],
        alpha3: "YMD",
        last_year: Some(1990),
        successors: &[],
    },
    OtherRow {
        code: 736,
        kind: EconomyKind::Historic,
        name: "Sudan (...2011)",
        other_names: &[],
        alpha3: "",
        last_year: Some(2011),
        successors: &["SD", "SS"],
    },
    OtherRow {
        code: 810,
        kind: EconomyKind::Historic,
        name: "USSR",
        other_names: &["Soviet Union"],
        alpha3: "SUN",
        last_year: Some(1992),
        successors: &["AM", "AZ", "BY", "EE", "GE", "KZ", "KG", "LV", "LT", "MD", "RU", "TJ", "TM", "UA", "UZ"],
    },
    OtherRow {
        code: 849,
        kind: EconomyKind::Nes,
        name: "US Misc. Pacific Islands",
        other_names: &["US Misc. Pacific Isds"],
        alpha3: "PUS",
        last_year: None,
        successors: &[],
    },
    OtherRow {
        code: 872,
        kind: EconomyKind::Historic,
        name: "Wake Island",
        other_names: &[],
        alpha3: "WAK",
        last_year: Some(1986),
        successors: &[],
    },
    OtherRow {
        code: 890,
        kind: EconomyKind::Historic,
        name: "former Yugoslavia",
        other_names: &["Yugoslavia"],
        alpha3: "YUG",
        last_year: Some(1992),
        successors: &["SI", "HR", "BA", "MK"],
    },
    OtherRow {
        code: 891,
        kind: EconomyKind::Historic,
        name: "Serbia and Montenegro (...2005)",
        other_names: &["Serbia and Montenegro"],
        alpha3: "SCG",
        last_year: Some(2005),
        successors: &["RS", "ME"],
    },
    OtherRow {
        code: 899,
        kind: EconomyKind::Nes,
        name: "Areas, nes",
        other_names: &["Areas nes"],
        alpha3: "",
        last_year: None,
        successors: &[],
    },
];
