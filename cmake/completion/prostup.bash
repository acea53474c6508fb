# SPDX-License-Identifier: Apache-2.0
# bash completion for prostup: commands, their subcommands and options, read from
# `prostup ... --help` so it follows the program; file names elsewhere.
_prostup_help_words() {
  # $1: "options" or "commands"; the rest: the command line so far (prostup [cmd [sub]]).
  local what=$1
  shift
  "$@" --help 2>/dev/null | awk -v what="$what" '
    /^[A-Za-z].*:$/ { section = $0; next }
    what == "commands" && section ~ /^Subcommands/ && $1 ~ /^[a-z]/ { print $1 }
    what == "options" && $1 ~ /^-/ {
      n = split($1, names, ",")
      for (i = 1; i <= n; i++) if (names[i] ~ /^-/) print names[i]
    }'
}

_prostup() {
  local cur=${COMP_WORDS[COMP_CWORD]}
  local prog=${COMP_WORDS[0]}
  local -a path=("$prog")
  local i w
  for ((i = 1; i < COMP_CWORD; i++)); do
    w=${COMP_WORDS[i]}
    case "$w" in -*) continue ;; esac
    # a word is a (sub)command when the command line so far lists it
    if _prostup_help_words commands "${path[@]}" | grep -qx -- "$w"; then
      path+=("$w")
    fi
  done
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$(_prostup_help_words options "${path[@]}")" -- "$cur"))
    return
  fi
  local subs
  subs=$(_prostup_help_words commands "${path[@]}")
  if [[ -n $subs ]] && [[ ${#path[@]} -eq 1 || ${path[1]} == runs && ${#path[@]} -eq 2 ]]; then
    COMPREPLY=($(compgen -W "$subs" -- "$cur"))
    return
  fi
  COMPREPLY=($(compgen -f -- "$cur"))
  compopt -o filenames 2>/dev/null
}
complete -F _prostup prostup
