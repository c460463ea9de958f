#include <gtest/gtest.h>

#include "peripherals/camera/geometry.h"

namespace jiuzhu::camera {
namespace {

TEST(Geometry, OrdersCornersClockwiseFromTopLeft) {
  Quad shuffled{cv::Point2f(300, 420), cv::Point2f(90, 60), cv::Point2f(60, 400), cv::Point2f(320, 80)};
  Quad q = order_clockwise(shuffled);
  EXPECT_EQ(q[0], cv::Point2f(90, 60));
  EXPECT_EQ(q[1], cv::Point2f(320, 80));
  EXPECT_EQ(q[2], cv::Point2f(300, 420));
  EXPECT_EQ(q[3], cv::Point2f(60, 400));
  EXPECT_TRUE(quad_is_convex(q));
  EXPECT_FALSE(quad_is_convex({q[0], q[2], q[1], q[3]}));
}

TEST(Geometry, FormatsAndMeasures) {
  EXPECT_NEAR(page_aspect(PageKind::a4), 1.414, 0.001);
  EXPECT_NEAR(page_aspect(PageKind::id_card), 1.585, 0.001);
  EXPECT_EQ(nearest_page_kind(1.40), PageKind::a4);
  EXPECT_EQ(nearest_page_kind(1.0 / 1.59), PageKind::id_card);
  EXPECT_EQ(nearest_page_kind(1.36), PageKind::booklet);
  EXPECT_EQ(nearest_page_kind(1.0), PageKind::unknown);
  EXPECT_EQ(parse_page_kind("card"), PageKind::id_card);
  EXPECT_FALSE(parse_page_kind("letter").has_value());
  Quad r{cv::Point2f(0, 0), cv::Point2f(100, 0), cv::Point2f(100, 50), cv::Point2f(0, 50)};
  EXPECT_DOUBLE_EQ(quad_area(r), 5000);
  EXPECT_DOUBLE_EQ(measured_aspect(r), 2.0);
  EXPECT_NEAR(max_angle_deviation_deg(r), 0, 1e-9);
  EXPECT_FLOAT_EQ(scale_quad(r, 2)[2].x, 200);
}

}  // namespace
}  // namespace jiuzhu::camera
