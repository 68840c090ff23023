// The importer fuzz suites of tests/main/fuzz, run here at a larger case count: vitest.stress.config.mjs
// sets VALUE_ATLAS_FUZZ_MULTIPLIER, which every suite's caseCount() multiplies its base count by.
import '../main/fuzz/parsers.fuzz.test';
import '../main/fuzz/goqa.fuzz.test';
import '../main/fuzz/wvs.fuzz.test';
import '../main/fuzz/country-tables.fuzz.test';
import '../main/fuzz/attribution.fuzz.test';
import '../main/fuzz/cross.fuzz.test';
import '../main/fuzz/images.fuzz.test';
