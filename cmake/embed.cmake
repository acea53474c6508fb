# SPDX-License-Identifier: Apache-2.0
# Writes OUT, a C++ file holding the bytes of IN as prostup::embedded_default_scenario().
file(READ ${IN} hex HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
file(WRITE ${OUT} "// Generated from scenarios/default.json; do not edit.\n#include <string_view>\nnamespace prostup {\nstatic const unsigned char kDefault[] = {${bytes} 0};\nstd::string_view embedded_default_scenario() {\n  return {reinterpret_cast<const char*>(kDefault), sizeof(kDefault) - 1};\n}\n}  // namespace prostup\n")
