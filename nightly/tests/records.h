#pragma once
// Night records made up for the tests: one scenario, two arms, values per
// boot chosen so that a change is (or is not) there.
#include <string>
#include <vector>

#include "irqlab/nightly/night_record.h"

namespace irqlab::test {

// n boots around `level` with a spread of about +-2.5 %, deterministic.
std::vector<double> boots_around(double level, std::size_t n);

// A complete night "nightly" on machine "lab1" whose override arm has steady
// IOPS around override_iops and hctx drain around drain_ms, spread arm fixed.
NightRecord made_night(const std::string& id, const std::string& started, double override_iops, double drain_ms,
                       std::size_t n = 6);

}  // namespace irqlab::test
