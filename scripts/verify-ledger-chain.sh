#!/usr/bin/env bash
# Verifies one account's ledger hash chain in a copy of the wallet's database file with
# nothing but sqlite3 and coreutils, independently of the wallet's code
# (docs/decisions/014-ledger-hash-chain.md, docs/OPERATIONS.md "Verifying the ledger").
#
#   scripts/verify-ledger-chain.sh wallet.db ACCOUNT_ID
#
# Rebuilds each entry's canonical text in SQL (fields in the documented order, `\` and `|`
# escaped, null as empty), checks that seq runs 1, 2, 3, … and each prev_hash is the hash
# before, hashes the text with sha256sum and compares it with the stored hash. Prints the
# first broken entry, or how many entries it checked and the last hash: compare that with
# the head the account's admin noted down or published.
set -euo pipefail
db="$1"
account="${2//\'/\'\'}"
sqlite3 -readonly -separator ' ' "$db" "
SELECT id, hash,
  CASE WHEN seq = ROW_NUMBER() OVER w AND prev_hash = COALESCE(LAG(hash) OVER w, '')
       THEN 'linked' ELSE 'broken' END,
  'ledger-v1|' || replace(replace(account_id, '\', '\\'), '|', '\|') || '|' || seq
  || '|' || prev_hash
  || '|' || replace(replace(COALESCE(workspace_id, ''), '\', '\\'), '|', '\|')
  || '|' || instrument
  || '|' || replace(replace(COALESCE(instrument_id, ''), '\', '\\'), '|', '\|')
  || '|' || amount_fen || '|' || COALESCE(balance_fen_after, '')
  || '|' || replace(replace(reason, '\', '\\'), '|', '\|')
  || '|' || replace(replace(ref_type, '\', '\\'), '|', '\|')
  || '|' || replace(replace(ref_id, '\', '\\'), '|', '\|')
  || '|' || created_at_ms
FROM ledger_entries WHERE account_id = '$account'
WINDOW w AS (ORDER BY seq, id) ORDER BY seq, id" | {
  n=0
  last=''
  while read -r id hash link text; do
    if [ "$link" = linked ] && [ "$(printf '%s' "$text" | sha256sum | cut -c1-64)" = "$hash" ]; then
      last="$hash"
      n=$((n + 1))
    else
      echo "broken at entry $id (after $n good entries)"
      exit 1
    fi
  done
  echo "checked $n entries; last hash ${last:-(none)}"
}
