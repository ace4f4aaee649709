;; The literal search engine of the chunk scanner (src/scan/literal-search.ts builds its tables and drives it).
;;
;; It finds, in a region of bytes, every position where one of a set of literals starts:
;; - "words": ASCII literals, compared byte by byte after OR-ing a per-byte mask (0x20 at the letters of a
;;   case-insensitive literal, so both cases match; 0 elsewhere, so other bytes match exactly);
;; - "codes": digit strings with the code boundary rule of the prefilter, `(?<![0-9A-Za-z.])` before and
;;   `(?![0-9A-Za-z])` after. A code that matches is then the whole run of digits at that position, so the run is
;;   looked up in a hash table instead of comparing codes one by one.
;; Every literal is at least 3 bytes long; each carries a bit set of "groups" (the scanner's searchers).
;;
;; Candidates come from a SIMD pass in the manner of Teddy (Hyperscan): each of 8 buckets holds some literals; for
;; the bytes at p .. p+4 (with bit 0x20 set: a superset case fold that leaves digits alone), nibble tables give
;; the buckets that have a literal with that low / high nibble at that offset; the AND of the ten lookups is the set
;; of buckets that may match at p, 16 positions at a time. Code buckets are also cleared where the byte before p is a
;; letter, digit or dot. Every candidate is then verified exactly.
;;
;; Memory layout (little-endian; the header is written by the TS side, then the region and the output):
;;   0..159    nibble tables lo0 hi0 .. lo4 hi4 (16 bytes each): bucket bits per nibble value at each offset (a
;;             literal shorter than 5 bytes has every bit of its bucket at the offsets past its end)
;;   160       i32 code buckets (bit set)
;;   164       i32 address of the hash table of codes (16-byte slots: i64 key, i32 groups (0: empty), i32 unused)
;;   168       i32 hash table slots - 1 (a power of two minus one)
;;   172       i32 longest code, in digits (at most 15)
;;   176..239  per bucket: i32 address of its first word entry, i32 number of entries
;;   240..255  scratch (the candidate buckets of the current 16 positions)
;;   word entry (12 bytes): i32 address of the literal, i32 length, i32 groups. At the literal's address: its bytes
;;   (lower case where case-insensitive) padded to a multiple of 8 with 0xff, then its masks, padded the same way.
;; A code key is the run's digits as 4-bit nibbles, its length in the top 4 bits; its slot is found by linear
;; probing from ((key * 0x9e3779b97f4a7c15) >> 32) & mask.
;; The region's bytes [base, base + n) must have a byte that is not a letter, digit or dot at base - 1 and at least
;; 32 zero bytes after them (so loads past the end see the end of the text).
(module
  (memory (export "memory") 1)

  ;; Scans the candidate positions [from, to) of the region [base, base + n); writes one record per position where
  ;; a literal starts (i32 offset in the region, i32 OR of the groups of the literals there) at `out`. Returns the
  ;; number of records (at most to - from).
  (func (export "scan") (param $base i32) (param $n i32) (param $from i32) (param $to i32) (param $out i32) (result i32)
    (local $p i32) (local $end i32) (local $count i32) (local $bits i32) (local $lane i32) (local $q i32)
    (local $groups i32) (local $codeBuckets i32)
    (local $lo0 v128) (local $hi0 v128) (local $lo1 v128) (local $hi1 v128) (local $lo2 v128) (local $hi2 v128)
    (local $lo3 v128) (local $hi3 v128) (local $lo4 v128) (local $hi4 v128)
    (local $codeMask v128) (local $a v128) (local $lo v128) (local $hi v128) (local $c v128) (local $prev v128) (local $bad v128)
    ;; The table lookups at offsets 1-4 for the current block (r1-r4) and at offsets 0-4 for the next one (n0-n4).
    (local $r1 v128) (local $r2 v128) (local $r3 v128) (local $r4 v128)
    (local $n0 v128) (local $n1 v128) (local $n2 v128) (local $n3 v128) (local $n4 v128)
    (local.set $lo0 (v128.load (i32.const 0)))
    (local.set $hi0 (v128.load (i32.const 16)))
    (local.set $lo1 (v128.load (i32.const 32)))
    (local.set $hi1 (v128.load (i32.const 48)))
    (local.set $lo2 (v128.load (i32.const 64)))
    (local.set $hi2 (v128.load (i32.const 80)))
    (local.set $lo3 (v128.load (i32.const 96)))
    (local.set $hi3 (v128.load (i32.const 112)))
    (local.set $lo4 (v128.load (i32.const 128)))
    (local.set $hi4 (v128.load (i32.const 144)))
    (local.set $codeBuckets (i32.load (i32.const 160)))
    (local.set $codeMask (i8x16.splat (local.get $codeBuckets)))
    (local.set $p (i32.add (local.get $base) (local.get $from)))
    (local.set $end (i32.add (local.get $base) (local.get $to)))
    ;; Each block's bytes are looked up once per offset; a lookup at offset j for positions p .. p+15 takes lanes
    ;; j..15 of this block's and lanes 0..j-1 of the next block's (a byte shuffle across the two).
    (local.set $a (v128.or (v128.load (local.get $p)) (v128.const i8x16 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20)))
    (local.set $lo (v128.and (local.get $a) (v128.const i8x16 15 15 15 15 15 15 15 15 15 15 15 15 15 15 15 15)))
    (local.set $hi (i8x16.shr_u (local.get $a) (i32.const 4)))
    (local.set $n0 (v128.and (i8x16.swizzle (local.get $lo0) (local.get $lo)) (i8x16.swizzle (local.get $hi0) (local.get $hi))))
    (local.set $r1 (v128.and (i8x16.swizzle (local.get $lo1) (local.get $lo)) (i8x16.swizzle (local.get $hi1) (local.get $hi))))
    (local.set $r2 (v128.and (i8x16.swizzle (local.get $lo2) (local.get $lo)) (i8x16.swizzle (local.get $hi2) (local.get $hi))))
    (local.set $r3 (v128.and (i8x16.swizzle (local.get $lo3) (local.get $lo)) (i8x16.swizzle (local.get $hi3) (local.get $hi))))
    (local.set $r4 (v128.and (i8x16.swizzle (local.get $lo4) (local.get $lo)) (i8x16.swizzle (local.get $hi4) (local.get $hi))))
    (block $done
      (loop $blocks
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $c (local.get $n0))
        (local.set $a (v128.or (v128.load offset=16 (local.get $p)) (v128.const i8x16 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20)))
        (local.set $lo (v128.and (local.get $a) (v128.const i8x16 15 15 15 15 15 15 15 15 15 15 15 15 15 15 15 15)))
        (local.set $hi (i8x16.shr_u (local.get $a) (i32.const 4)))
        (local.set $n0 (v128.and (i8x16.swizzle (local.get $lo0) (local.get $lo)) (i8x16.swizzle (local.get $hi0) (local.get $hi))))
        (local.set $n1 (v128.and (i8x16.swizzle (local.get $lo1) (local.get $lo)) (i8x16.swizzle (local.get $hi1) (local.get $hi))))
        (local.set $n2 (v128.and (i8x16.swizzle (local.get $lo2) (local.get $lo)) (i8x16.swizzle (local.get $hi2) (local.get $hi))))
        (local.set $n3 (v128.and (i8x16.swizzle (local.get $lo3) (local.get $lo)) (i8x16.swizzle (local.get $hi3) (local.get $hi))))
        (local.set $n4 (v128.and (i8x16.swizzle (local.get $lo4) (local.get $lo)) (i8x16.swizzle (local.get $hi4) (local.get $hi))))
        ;; c = buckets whose literals may start at p .. p+15
        (local.set $c
          (v128.and
            (v128.and (local.get $c) (i8x16.shuffle 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 (local.get $r1) (local.get $n1)))
            (v128.and (v128.and (i8x16.shuffle 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 (local.get $r2) (local.get $n2))
                                (i8x16.shuffle 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 (local.get $r3) (local.get $n3)))
                      (i8x16.shuffle 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 (local.get $r4) (local.get $n4)))))
        (local.set $r1 (local.get $n1))
        (local.set $r2 (local.get $n2))
        (local.set $r3 (local.get $n3))
        (local.set $r4 (local.get $n4))
        (if (v128.any_true (local.get $c))
          (then
            ;; Code buckets need a byte before p that is not [0-9A-Za-z.].
            (local.set $prev (v128.load (i32.sub (local.get $p) (i32.const 1))))
            (local.set $bad
              (v128.or
                (v128.or
                  ;; digit: prev - '0' < 10 (unsigned)
                  (i8x16.lt_u (i8x16.sub (local.get $prev) (v128.const i8x16 0x30 0x30 0x30 0x30 0x30 0x30 0x30 0x30 0x30 0x30 0x30 0x30 0x30 0x30 0x30 0x30))
                              (v128.const i8x16 10 10 10 10 10 10 10 10 10 10 10 10 10 10 10 10))
                  ;; letter: (prev | 0x20) - 'a' < 26 (unsigned)
                  (i8x16.lt_u (i8x16.sub (v128.or (local.get $prev) (v128.const i8x16 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20))
                                         (v128.const i8x16 0x61 0x61 0x61 0x61 0x61 0x61 0x61 0x61 0x61 0x61 0x61 0x61 0x61 0x61 0x61 0x61))
                              (v128.const i8x16 26 26 26 26 26 26 26 26 26 26 26 26 26 26 26 26)))
                (i8x16.eq (local.get $prev) (v128.const i8x16 0x2e 0x2e 0x2e 0x2e 0x2e 0x2e 0x2e 0x2e 0x2e 0x2e 0x2e 0x2e 0x2e 0x2e 0x2e 0x2e))))
            (local.set $c (v128.andnot (local.get $c) (v128.and (local.get $bad) (local.get $codeMask))))
            (v128.store (i32.const 240) (local.get $c))
            (local.set $bits (i8x16.bitmask (i8x16.ne (local.get $c) (v128.const i64x2 0 0))))
            (block $lanesDone
              (loop $lanes
                (br_if $lanesDone (i32.eqz (local.get $bits)))
                (local.set $lane (i32.ctz (local.get $bits)))
                (local.set $bits (i32.and (local.get $bits) (i32.sub (local.get $bits) (i32.const 1))))
                (local.set $q (i32.add (local.get $p) (local.get $lane)))
                (br_if $lanesDone (i32.ge_u (local.get $q) (local.get $end)))
                (local.set $groups
                  (call $verify (local.get $q) (i32.sub (i32.add (local.get $base) (local.get $n)) (local.get $q))
                                (i32.load8_u offset=240 (local.get $lane)) (local.get $codeBuckets)))
                (if (local.get $groups)
                  (then
                    (i32.store (local.get $out) (i32.sub (local.get $q) (local.get $base)))
                    (i32.store offset=4 (local.get $out) (local.get $groups))
                    (local.set $out (i32.add (local.get $out) (i32.const 8)))
                    (local.set $count (i32.add (local.get $count) (i32.const 1)))))
                (br $lanes)))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $blocks)))
    (local.get $count))

  ;; Writes the offsets (i32, from base) of the line feeds in [base + from, base + to) to `out`; returns how many.
  (func (export "newlines") (param $base i32) (param $from i32) (param $to i32) (param $out i32) (result i32)
    (local $p i32) (local $end i32) (local $bits i32) (local $q i32) (local $count i32)
    (local.set $p (i32.add (local.get $base) (local.get $from)))
    (local.set $end (i32.add (local.get $base) (local.get $to)))
    (block $done
      (loop $blocks
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $bits (i8x16.bitmask (i8x16.eq (v128.load (local.get $p)) (v128.const i8x16 10 10 10 10 10 10 10 10 10 10 10 10 10 10 10 10))))
        (block $bitsDone
          (loop $lanes
            (br_if $bitsDone (i32.eqz (local.get $bits)))
            (local.set $q (i32.add (local.get $p) (i32.ctz (local.get $bits))))
            (br_if $done (i32.ge_u (local.get $q) (local.get $end)))
            (i32.store (i32.add (local.get $out) (i32.shl (local.get $count) (i32.const 2))) (i32.sub (local.get $q) (local.get $base)))
            (local.set $count (i32.add (local.get $count) (i32.const 1)))
            (local.set $bits (i32.and (local.get $bits) (i32.sub (local.get $bits) (i32.const 1))))
            (br $lanes)))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $blocks)))
    (local.get $count))

  ;; What the chunk scanner's check for text that is not clean UTF-8 looks for, in [base, base + n): bit 0 set when a
  ;; NUL byte occurs, bit 1 when a 0xef byte does (the first byte of U+FFFD's encoding, and of other characters).
  (func (export "controls") (param $base i32) (param $n i32) (result i32)
    (local $p i32) (local $blocksEnd i32) (local $end i32) (local $b i32) (local $nul v128) (local $ef v128) (local $x v128) (local $seen i32)
    (local.set $p (local.get $base))
    (local.set $end (i32.add (local.get $base) (local.get $n)))
    (local.set $blocksEnd (i32.add (local.get $base) (i32.and (local.get $n) (i32.const -16))))
    (block $blocksDone
      (loop $blocks
        (br_if $blocksDone (i32.ge_u (local.get $p) (local.get $blocksEnd)))
        (local.set $x (v128.load (local.get $p)))
        (local.set $nul (v128.or (local.get $nul) (i8x16.eq (local.get $x) (v128.const i64x2 0 0))))
        (local.set $ef (v128.or (local.get $ef) (i8x16.eq (local.get $x) (v128.const i8x16 0xef 0xef 0xef 0xef 0xef 0xef 0xef 0xef 0xef 0xef 0xef 0xef 0xef 0xef 0xef 0xef))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $blocks)))
    (local.set $seen (i32.or (v128.any_true (local.get $nul)) (i32.shl (v128.any_true (local.get $ef)) (i32.const 1))))
    ;; The bytes after the last whole block (the region is followed by zeros, which must not count).
    (block $tailDone
      (loop $tail
        (br_if $tailDone (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $b (i32.load8_u (local.get $p)))
        (if (i32.eqz (local.get $b)) (then (local.set $seen (i32.or (local.get $seen) (i32.const 1)))))
        (if (i32.eq (local.get $b) (i32.const 0xef)) (then (local.set $seen (i32.or (local.get $seen) (i32.const 2)))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $tail)))
    (local.get $seen))

  ;; The groups of the literals that start at q (`left` bytes of text from q on), among the candidate `buckets`.
  (func $verify (param $q i32) (param $left i32) (param $buckets i32) (param $codeBuckets i32) (result i32)
    (local $groups i32) (local $words i32) (local $k i32) (local $e i32) (local $eEnd i32)
    (local $lit i32) (local $len i32) (local $padded i32) (local $i i32)
    (if (i32.and (local.get $buckets) (local.get $codeBuckets))
      (then (local.set $groups (call $code (local.get $q)))))
    (local.set $words (i32.and (local.get $buckets) (i32.xor (local.get $codeBuckets) (i32.const -1))))
    (block $bucketsDone
      (loop $bucketLoop
        (br_if $bucketsDone (i32.eqz (local.get $words)))
        (local.set $k (i32.ctz (local.get $words)))
        (local.set $words (i32.and (local.get $words) (i32.sub (local.get $words) (i32.const 1))))
        (local.set $e (i32.load offset=176 (i32.shl (local.get $k) (i32.const 3))))
        (local.set $eEnd (i32.add (local.get $e) (i32.mul (i32.load offset=180 (i32.shl (local.get $k) (i32.const 3))) (i32.const 12))))
        (block $entriesDone
          (loop $entries
            (br_if $entriesDone (i32.ge_u (local.get $e) (local.get $eEnd)))
            (local.set $len (i32.load offset=4 (local.get $e)))
            (if (i32.le_u (local.get $len) (local.get $left))
              (then
                (local.set $lit (i32.load (local.get $e)))
                (local.set $padded (i32.and (i32.add (local.get $len) (i32.const 7)) (i32.const -8)))
                (local.set $i (i32.const 0))
                (block $differs
                  (loop $words8
                    (br_if $differs
                      (i64.ne (i64.or (i64.load (i32.add (local.get $q) (local.get $i)))
                                      (i64.load (i32.add (i32.add (local.get $lit) (local.get $padded)) (local.get $i))))
                              (i64.load (i32.add (local.get $lit) (local.get $i)))))
                    (local.set $i (i32.add (local.get $i) (i32.const 8)))
                    (br_if $words8 (i32.lt_u (local.get $i) (local.get $padded))))
                  (local.set $groups (i32.or (local.get $groups) (i32.load offset=8 (local.get $e)))))))
            (local.set $e (i32.add (local.get $e) (i32.const 12)))
            (br $entries)))
        (br $bucketLoop)))
    (local.get $groups))

  ;; The groups of the code that is the run of digits at q (the byte before q is already checked), or 0.
  (func $code (param $q i32) (result i32)
    (local $r i32) (local $d i32) (local $key i64) (local $slot i32) (local $mask i32) (local $table i32) (local $groups i32)
    (local.set $r (local.get $q))
    (block $runDone
      (loop $run
        (local.set $d (i32.sub (i32.load8_u (local.get $r)) (i32.const 0x30)))
        (br_if $runDone (i32.gt_u (local.get $d) (i32.const 9)))
        ;; Longer than the longest code: no code.
        (if (i32.ge_u (i32.sub (local.get $r) (local.get $q)) (i32.load (i32.const 172))) (then (return (i32.const 0))))
        (local.set $key (i64.or (i64.shl (local.get $key) (i64.const 4)) (i64.extend_i32_u (local.get $d))))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $run)))
    ;; Followed by a letter: no code.
    (if (i32.lt_u (i32.sub (i32.or (i32.load8_u (local.get $r)) (i32.const 0x20)) (i32.const 0x61)) (i32.const 26))
      (then (return (i32.const 0))))
    (local.set $key (i64.or (local.get $key) (i64.shl (i64.extend_i32_u (i32.sub (local.get $r) (local.get $q))) (i64.const 60))))
    (local.set $table (i32.load (i32.const 164)))
    (local.set $mask (i32.load (i32.const 168)))
    (local.set $slot
      (i32.and (i32.wrap_i64 (i64.shr_u (i64.mul (local.get $key) (i64.const 0x9e3779b97f4a7c15)) (i64.const 32))) (local.get $mask)))
    (loop $probe
      (local.set $groups (i32.load offset=8 (i32.add (local.get $table) (i32.shl (local.get $slot) (i32.const 4)))))
      (if (i32.eqz (local.get $groups)) (then (return (i32.const 0))))
      (if (i64.eq (i64.load (i32.add (local.get $table) (i32.shl (local.get $slot) (i32.const 4)))) (local.get $key))
        (then (return (local.get $groups))))
      (local.set $slot (i32.and (i32.add (local.get $slot) (i32.const 1)) (local.get $mask)))
      (br $probe))
    (i32.const 0))
)
