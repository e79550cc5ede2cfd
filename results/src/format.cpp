// How the table writes numbers: three significant digits, units kept short,
// so that a value fits 12 columns and an interval does too.
#include <cmath>
#include <cstdio>

#include "irqlab/results/summary.h"

namespace irqlab {

namespace {

std::string with_sign(const std::string& s) { return s.empty() || s[0] == '-' ? s : "+" + s; }

// IOPS in a unit that keeps three digits: {divisor, suffix}.
std::pair<double, const char*> iops_unit(double magnitude) {
  if (magnitude >= 999.95e3) return {1e6, "M"};
  if (magnitude >= 999.5) return {1e3, "k"};
  return {1, ""};
}

// "lo..hi" and the unit once, dropped if that would pass 12 columns.
std::string range(const std::string& low, const std::string& high, const std::string& unit) {
  const std::string r = low + ".." + high;
  return r.size() + unit.size() <= 12 ? r + unit : r;
}

}  // namespace

std::string format_number(double v) {
  if (!std::isfinite(v)) return std::isnan(v) ? "nan" : v > 0 ? "inf" : "-inf";
  if (std::abs(v) < 0.005) v = 0;  // no "-0.00"
  char buf[32];
  const double a = std::abs(v);
  // Thresholds where rounding would add a digit ("100.0", "10.00").
  if (a >= 99.95) std::snprintf(buf, sizeof buf, "%.0f", v);
  else if (a >= 9.995) std::snprintf(buf, sizeof buf, "%.1f", v);
  else std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

std::string format_value(const MetricSpec& m, double v) {
  switch (m.format) {
    case MetricFormat::Iops: {
      const auto [divisor, suffix] = iops_unit(std::abs(v));
      char buf[32];
      if (divisor == 1) {
        std::snprintf(buf, sizeof buf, "%.0f", std::round(v) == 0 ? 0.0 : v);
        return buf;
      }
      std::snprintf(buf, sizeof buf, divisor == 1e6 ? "%.2f%s" : "%.1f%s", v / divisor, suffix);
      return buf;
    }
    case MetricFormat::Share: return format_number(v * 100) + "%";
    case MetricFormat::Percent: return format_number(v) + "%";
    case MetricFormat::Number: break;
  }
  return format_number(v);
}

std::string format_interval(const MetricSpec& m, double low, double high) {
  switch (m.format) {
    case MetricFormat::Iops: {
      const auto [divisor, suffix] = iops_unit(std::max(std::abs(low), std::abs(high)));
      return range(format_number(low / divisor), format_number(high / divisor), suffix);
    }
    case MetricFormat::Share: return range(format_number(low * 100), format_number(high * 100), "%");
    case MetricFormat::Percent: return range(format_number(low), format_number(high), "%");
    case MetricFormat::Number: break;
  }
  return range(format_number(low), format_number(high), "");
}

std::string format_shift(const MetricSpec& m, bool ratio, double v) {
  if (ratio) return with_sign(format_number(v)) + "%";
  switch (m.format) {
    case MetricFormat::Share: return with_sign(format_number(v * 100)) + "pt";
    case MetricFormat::Percent: return with_sign(format_number(v)) + "pt";
    case MetricFormat::Iops: return with_sign(format_value(m, v));
    case MetricFormat::Number: break;
  }
  return with_sign(format_number(v));
}

std::string format_shift_interval(const MetricSpec& m, bool ratio, double low, double high) {
  std::string unit = ratio ? "%" : m.format == MetricFormat::Share || m.format == MetricFormat::Percent ? "pt" : "";
  const double k = !ratio && m.format == MetricFormat::Share ? 100 : 1;
  if (!ratio && m.format == MetricFormat::Iops) {
    const auto [divisor, suffix] = iops_unit(std::max(std::abs(low), std::abs(high)));
    return with_sign(format_number(low / divisor)) + ".." + with_sign(format_number(high / divisor)) + suffix;
  }
  return with_sign(format_number(low * k)) + ".." + with_sign(format_number(high * k)) + unit;
}

}  // namespace irqlab
