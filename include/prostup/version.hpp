// SPDX-License-Identifier: Apache-2.0
// The program's version: PROSTUP_VERSION (CMake's project version, a compile definition of
// every library) and the commit it was built from.
#pragma once

#include <string>

namespace prostup {

// `git describe --always --dirty` of the source tree at build time; "" when built outside a
// git checkout (a release tarball).
const char* build_commit();

// "0.1.0" or "0.1.0 (git 1a2b3c4-dirty)": what `prostup --version` prints after "prostup ".
inline std::string version_string() {
  std::string v = PROSTUP_VERSION;
  const std::string commit = build_commit();
  if (!commit.empty()) v += " (git " + commit + ")";
  return v;
}

}  // namespace prostup
