#include <gtest/gtest.h>

#include <vector>

#include "irqlab/record/recording_plan.h"

namespace irqlab {
namespace {

TEST(IrqFilterExpression, CoalescesConsecutiveInterruptsIntoRanges) {
  EXPECT_EQ(irq_filter_expression({32, 29, 30, 31, 40, 42, 43}),
            "(irq>=29 && irq<=32) || irq==40 || (irq>=42 && irq<=43)");
}

TEST(IrqFilterExpression, SingleAndDuplicateInterrupts) {
  EXPECT_EQ(irq_filter_expression({57}), "irq==57");
  EXPECT_EQ(irq_filter_expression({57, 57}), "irq==57");
  EXPECT_EQ(irq_filter_expression({}), "");
}

TEST(IrqFilterExpression, FitsInAPageForManyControllers) {
  // 8 controllers x 128 queues, each controller's vectors contiguous.
  std::vector<int> irqs;
  for (int c = 0; c < 8; ++c)
    for (int q = 0; q < 128; ++q) irqs.push_back(100 + c * 200 + q);
  const std::string filter = irq_filter_expression(irqs);
  EXPECT_LT(filter.size(), 4096u);
  EXPECT_EQ(filter.rfind("(irq>=100 && irq<=227) || (irq>=300 && irq<=427) || ", 0), 0u);
  EXPECT_EQ(filter.substr(filter.size() - 24), "(irq>=1500 && irq<=1627)");
}

}  // namespace
}  // namespace irqlab
