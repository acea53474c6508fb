# SPDX-License-Identifier: Apache-2.0
"""`pip install .`: the prostup package (python/prostup) with its extension built by CMake.

The version is CMake's project version (CMakeLists.txt). The extension is configured for the
interpreter running pip (a venv's included) in build-pip/ with only the target it needs,
prostup_python; CMAKE_ARGS adds CMake options. PROSTUP_BUILD_DIR names another folder: one
that CMake already configured (an existing build/, whose Python must be the one running pip)
is built as it is configured, without compiling twice; an empty one is configured as
build-pip/ is. Offline with Debian's setuptools and wheel: pip install . --no-build-isolation
"""

import os
import re
import shlex
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parent


def project_version() -> str:
    text = (ROOT / "CMakeLists.txt").read_text(encoding="utf-8")
    return re.search(r"project\(prostup VERSION ([0-9.]+)", text).group(1)


class CMakeBuild(build_ext):
    def build_extension(self, ext):
        build = Path(os.environ.get("PROSTUP_BUILD_DIR", ROOT / "build-pip")).resolve()
        # A folder CMake configured already (the developer's build/, a test's build) may be
        # of another copy of the source: it is built as it is, not configured from this one.
        if not (build / "CMakeCache.txt").is_file() or build == (ROOT / "build-pip").resolve():
            args = [
                "cmake", "-S", str(ROOT), "-B", str(build),
                "-DCMAKE_BUILD_TYPE=Release",
                "-DPython_EXECUTABLE=" + sys.executable,
                "-DPROSTUP_PYTHON=ON",
            ]
            if "PROSTUP_BUILD_DIR" not in os.environ:
                args += ["-DPROSTUP_BUILD_TESTS=OFF", "-DPROSTUP_BUILD_BENCHMARKS=OFF"]
            args += shlex.split(os.environ.get("CMAKE_ARGS", ""))
            subprocess.run(args, check=True)
        jobs = os.environ.get("CMAKE_BUILD_PARALLEL_LEVEL", str(os.cpu_count() or 1))
        subprocess.run(["cmake", "--build", str(build), "--target", "prostup_python",
                        "-j", jobs], check=True)
        built = sorted((build / "python" / "prostup").glob("_core*.so"))
        if not built:
            raise RuntimeError("CMake built no prostup/_core*.so in %s" % build)
        # An extension of another interpreter would install and then fail at import.
        suffix = sysconfig.get_config_var("EXT_SUFFIX")
        if not built[-1].name.endswith(suffix):
            raise RuntimeError(
                "%s was built for another Python than %s (which loads *%s): configure %s "
                "with -DPython_EXECUTABLE=%s, or leave PROSTUP_BUILD_DIR unset"
                % (built[-1], sys.executable, suffix, build, sys.executable))
        target = Path(self.get_ext_fullpath(ext.name))
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(built[-1], target)


setup(
    version=project_version(),
    ext_modules=[Extension("prostup._core", sources=[])],
    cmdclass={"build_ext": CMakeBuild},
    # setuptools' own build folder: not build/, where the README's CMake build lives
    options={"build": {"build_base": "build-pip/setuptools"}},
)
