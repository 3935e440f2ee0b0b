#!/usr/bin/env bash
# Speaks every line of prompts.tsv with espeak-ng and stores it as OUT/LANGUAGE/NAME.wav, 8 kHz mono 16-bit
# PCM (sox), the format the prompt loader takes without resampling. Run by EdgePbx.Media's build.
set -euo pipefail
list="$1"; out="$2"
rm -rf "$out"; mkdir -p "$out"
while IFS=$'\t' read -r language name text; do
  [[ -z "$language" || "$language" == \#* ]] && continue
  mkdir -p "$(dirname "$out/$language/$name.wav")"
  tmp="$out/$language/$name.espeak.wav"
  espeak-ng -v "$language" -s 150 -w "$tmp" "$text"
  # 50 ms of silence on each side keeps concatenated digits apart.
  sox -q "$tmp" -r 8000 -c 1 -b 16 -e signed "$out/$language/$name.wav" gain -n -3 pad 0.05 0.05
  rm -f "$tmp"
done < "$list"
# Music on hold, the same for every language and our own: a slow pentatonic arpeggio of plucked notes, 8 s,
# looped by the box to the side that is held (prompts/hold-music.wav), 6 dB below the spoken prompts.
notes=(C4 E4 G4 A4 G4 E4 D4 G4 C4 E4 G4 C5 A4 G4 E4 D4)
parts=()
for i in "${!notes[@]}"; do
  parts+=("$out/hold-$i.wav")
  sox -q -n -r 8000 -c 1 -b 16 -e signed "$out/hold-$i.wav" synth 0.5 pluck "${notes[$i]}"
done
sox -q "${parts[@]}" "$out/hold-music.wav" gain -n -9
rm -f "${parts[@]}"
touch "$out/.stamp"
