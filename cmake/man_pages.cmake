# SPDX-License-Identifier: Apache-2.0
# Writes OUT/prostup.1 and OUT/prostup-COMMAND.1 for each of COMMANDS with help2man (HELP2MAN)
# from `PROSTUP [COMMAND] --help`. help2man runs a program without arguments of its own, so
# each command gets a two-line wrapper script in OUT/bin.
# COMMANDS: comma-separated (a list would be split on the command line).
string(REPLACE "," ";" COMMANDS "${COMMANDS}")
file(MAKE_DIRECTORY ${OUT}/bin)
function(page name program description)
  execute_process(
    COMMAND ${HELP2MAN} --no-info --no-discard-stderr --section=1 --source=prostup
            "--version-string=${VERSION}" "--name=${description}" --output=${OUT}/${name}.1
            ${program}
    RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "help2man failed for ${name}")
  endif()
endfunction()
# Each command's one-line description, from the "Subcommands:" list of `prostup --help`.
execute_process(COMMAND ${PROSTUP} --help OUTPUT_VARIABLE help)
string(REPLACE "\n" ";" help_lines "${help}")
page(prostup ${PROSTUP} "Monte Carlo simulation of transitional-housing ladders")
foreach(cmd ${COMMANDS})
  set(wrapper ${OUT}/bin/prostup-${cmd})
  file(WRITE ${wrapper} "#!/bin/sh\nexec \"${PROSTUP}\" ${cmd} \"$@\"\n")
  file(CHMOD ${wrapper} PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE)
  set(description "a command of prostup(1)")
  foreach(line ${help_lines})
    if(line MATCHES "^  ${cmd}  +(.+)$")
      set(description "${CMAKE_MATCH_1}")
    endif()
  endforeach()
  page(prostup-${cmd} ${wrapper} "${description}")
endforeach()
