// SPDX-License-Identifier: Apache-2.0
// A folder per run (docs/reliability.md, "A folder per run"): without -o, run, sweep, plan and
// calibrate write to prostup-out/NAME/RUN-ID and point prostup-out/NAME/latest at it, so a
// second run of the same scenario needs no --force and no catalog entry points at files that
// changed.
#pragma once

#include <filesystem>
#include <string>

namespace prostup::detail {

// The RUN-ID a folder made at UTC time `utc` (seconds since the epoch) takes when `suffix`
// names are already in use under its parent: YYYYMMDD-HHMMSS, then -02, -03, ..., -99.
// Ordered as text as in time.
std::string run_id_text(long long utc, int suffix);

// A new run folder under `base` (created when missing): base/RUN-ID, not yet existing, for a
// StagedOutput to commit. The name is reserved by creating the lock file StagedOutput takes
// beside it (.RUN-ID.lock) exclusively, so two commands that start in the same second, in
// one process tree or concurrently, with or without a catalog, never pick the same name; a
// name whose folder or lock file exists takes the next suffix. Throws std::runtime_error when
// `base` cannot be created or 99 names of this second are taken.
std::filesystem::path new_run_folder(const std::filesystem::path& base);

// A folder new_run_folder reserved that was never written (the command failed first): its
// reservation, the lock file beside it, goes, so the name is not taken for good. Nothing
// happens when the folder exists. Never throws.
void release_run_folder(const std::filesystem::path& run_dir);

// `out_dir` (-o) when given, else new_run_folder(prostup-out/NAME) for `name` (the scenario's
// name and the command's suffix: "jirkov", "jirkov-sweep"). Under MPI only the output rank
// reserves a folder; another rank gets prostup-out/NAME, which it never writes.
std::filesystem::path command_output_dir(const std::string& out_dir, const std::string& name);

// After a run folder's commit: its parent's `latest` becomes a symbolic link to it (relative,
// "RUN-ID"), made under a temporary name and renamed over the old link, so a reader sees the
// old target or the new one. A `latest` that is not a symbolic link (a folder or file of the
// user's) is left alone, with a note on stderr naming `command`. Never throws: the run's
// outputs are complete whatever happens to the link.
void point_latest(const std::filesystem::path& run_dir, const std::string& command);

}  // namespace prostup::detail
