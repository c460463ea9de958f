#include "tests/camera/synth_scene.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <vector>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/objdetect.hpp>

namespace jiuzhu::camera::synth {
namespace {

double uni(cv::RNG& rng, double a, double b) { return rng.uniform(a, b); }

// Smooth random field in [0,1]: a coarse grid of random values upsampled with bicubic
// interpolation ("value noise"); `cells` sets the feature size.
cv::Mat value_noise(cv::Size size, int cells, cv::RNG& rng) {
  int cw = std::max(2, cells);
  int ch = std::max(2, cells * size.height / std::max(1, size.width));
  cv::Mat small(ch, cw, CV_32F);
  rng.fill(small, cv::RNG::UNIFORM, 0.0, 1.0);
  cv::Mat out;
  cv::resize(small, out, size, 0, 0, cv::INTER_CUBIC);
  return out;
}

cv::Scalar jitter(cv::Scalar c, double amount, cv::RNG& rng) {
  for (int i = 0; i < 3; ++i) c[i] = std::clamp(c[i] + uni(rng, -amount, amount), 0.0, 255.0);
  return c;
}

std::string random_word(cv::RNG& rng, int len) {
  static const char* kChars = "ABCDEFGHJKLMNPRSTUVWXYZabcdefghijkmnopqrstuvwxyz0123456789";
  std::string s;
  for (int i = 0; i < len; ++i) s += kChars[rng.uniform(0, 57)];
  return s;
}

// Fills a multiplicative factor field (1 = unchanged) for a background texture.
cv::Mat texture(Background bg, cv::Size size, double s, cv::RNG& rng) {
  cv::Mat f(size, CV_32F);
  cv::Mat low = value_noise(size, 6, rng);
  if (bg == Background::wood) {
    double phi = uni(rng, 0, CV_PI);
    double period = uni(rng, 7, 24) * s;
    double plank = uni(rng, 180, 420) * s, plank_phase = uni(rng, 0, plank);
    double c = std::cos(phi), sn = std::sin(phi);
    cv::Mat warp = value_noise(size, 5, rng);
    for (int y = 0; y < size.height; ++y) {
      float* out = f.ptr<float>(y);
      const float* w = warp.ptr<float>(y);
      const float* l = low.ptr<float>(y);
      for (int x = 0; x < size.width; ++x) {
        double u = x * c + y * sn + w[x] * 60.0 * s;
        double ring = std::sin(2 * CV_PI * u / period);
        // Planks: a dark seam every `plank` pixels across the grain, a long straight edge.
        double v = -x * sn + y * c;
        double seam = std::fmod(std::abs(v) + plank_phase, plank);
        double dark = seam < 3 * s ? 0.55 : 1.0;
        out[x] = static_cast<float>((0.72 + 0.3 * ring * ring + 0.2 * l[x]) * dark);
      }
    }
  } else if (bg == Background::cloth) {
    double phi = uni(rng, -0.3, 0.3);
    double period = uni(rng, 24, 90) * s;
    double c = std::cos(phi), sn = std::sin(phi);
    for (int y = 0; y < size.height; ++y) {
      float* out = f.ptr<float>(y);
      const float* l = low.ptr<float>(y);
      for (int x = 0; x < size.width; ++x) {
        double u = x * c + y * sn, v = -x * sn + y * c;
        bool a = std::fmod(std::abs(u), period) < period / 2;
        bool b = std::fmod(std::abs(v), period) < period / 2;
        out[x] = static_cast<float>((0.35 + 0.35 * a + 0.35 * b) * (0.8 + 0.3 * l[x]));
      }
    }
  } else {
    double amp = bg == Background::light_desk ? 0.06 : 0.25;
    f = 1.0 - amp / 2 + amp * low;
  }
  return f;
}

cv::Scalar base_colour(Background bg, cv::RNG& rng) {
  switch (bg) {
    case Background::wood: return jitter({60, 105, 155}, 25, rng);
    case Background::light_desk: {
      double g = uni(rng, 188, 236);  // up to as bright as the paper
      return jitter({g - 6, g, g + 4}, 6, rng);
    }
    case Background::dark_desk: {
      double g = uni(rng, 25, 75);
      return jitter({g, g, g}, 12, rng);
    }
    case Background::cloth: return {uni(rng, 40, 220), uni(rng, 40, 220), uni(rng, 40, 220)};
  }
  return {128, 128, 128};
}

void draw_text_line(cv::Mat& page, cv::Point org, int max_width, double scale, int thick,
                    cv::RNG& rng, cv::Scalar ink) {
  int x = org.x;
  while (true) {
    std::string w = random_word(rng, rng.uniform(2, 9));
    int base = 0;
    cv::Size ts = cv::getTextSize(w, cv::FONT_HERSHEY_SIMPLEX, scale, thick, &base);
    if (x + ts.width > org.x + max_width) break;
    cv::putText(page, w, {x, org.y}, cv::FONT_HERSHEY_SIMPLEX, scale, ink, thick, cv::LINE_AA);
    x += ts.width + static_cast<int>(ts.height * 0.8);
  }
}

}  // namespace

std::string_view background_name(Background b) {
  switch (b) {
    case Background::wood: return "wood";
    case Background::light_desk: return "light_desk";
    case Background::dark_desk: return "dark_desk";
    case Background::cloth: return "cloth";
  }
  return "?";
}

std::string Scene::describe() const {
  std::ostringstream os;
  os << page_kind_name(kind) << " on " << background_name(background) << " blur=" << blur_sigma
     << " noise=" << noise_sigma << (glare ? " glare" : "");
  return os.str();
}

cv::Mat render_page(PageKind kind, int long_side, cv::RNG& rng, const std::string& qr_text) {
  if (kind == PageKind::unknown) kind = PageKind::a4;
  double aspect = page_aspect(kind);
  bool landscape = kind == PageKind::id_card;
  int lw = long_side, sw = static_cast<int>(std::lround(long_side / aspect));
  cv::Size size = landscape ? cv::Size(lw, sw) : cv::Size(sw, lw);
  cv::Scalar paper;
  if (kind == PageKind::a4) {
    double g = uni(rng, 215, 242);  // a camera exposes paper below clipping
    paper = jitter({g - 4, g - 1, g}, 4, rng);
  } else if (kind == PageKind::booklet) {
    paper = jitter({208, 226, 238}, 8, rng);
  } else {
    paper = jitter({236, 222, 205}, 8, rng);  // a pale blue card
  }
  cv::Mat page(size, CV_8UC3, paper);
  const int W = size.width, H = size.height;
  const cv::Scalar ink = jitter({30, 30, 35}, 15, rng);
  const double unit = W / 600.0;  // text metrics scale with the page
  int margin = static_cast<int>(W * (kind == PageKind::id_card ? 0.06 : 0.1));

  if (kind == PageKind::id_card) {
    // Faint guilloche-like waves, a photo box on the right, text on the left.
    for (int k = 0; k < 12; ++k) {
      std::vector<cv::Point> pts;
      double ph = uni(rng, 0, 6.28), amp = uni(rng, 0.03, 0.1) * H;
      for (int x = 0; x <= W; x += 4)
        pts.emplace_back(x, static_cast<int>(H * (k + 0.5) / 12 + amp * std::sin(x * 0.02 / unit + ph)));
      cv::polylines(page, pts, false, jitter({225, 205, 185}, 10, rng), 1, cv::LINE_AA);
    }
    cv::Rect photo(static_cast<int>(W * 0.66), static_cast<int>(H * 0.14),
                   static_cast<int>(W * 0.26), static_cast<int>(H * 0.6));
    cv::rectangle(page, photo, jitter({170, 170, 175}, 20, rng), cv::FILLED);
    cv::ellipse(page, (photo.tl() + photo.br()) / 2, {photo.width / 3, photo.height / 3}, 0, 0,
                360, jitter({90, 100, 120}, 20, rng), cv::FILLED, cv::LINE_AA);
    for (int i = 0; i < 5; ++i)
      draw_text_line(page, {margin, static_cast<int>(H * (0.2 + 0.15 * i))},
                     static_cast<int>(W * 0.55), 0.9 * unit, std::max(1, int(2 * unit)), rng, ink);
    draw_text_line(page, {margin, static_cast<int>(H * 0.92)}, W - 2 * margin, 1.4 * unit,
                   std::max(1, int(2 * unit)), rng, ink);
  } else {
    double title_scale = 1.6 * unit;
    std::string title = kind == PageKind::a4 ? "APPLICATION FORM " + random_word(rng, 3)
                                             : "HOUSEHOLD REGISTER " + random_word(rng, 2);
    int base = 0;
    int tt = std::max(1, int(3 * unit));
    cv::Size ts = cv::getTextSize(title, cv::FONT_HERSHEY_DUPLEX, title_scale, tt, &base);
    if (ts.width > W - 2 * margin) {
      title_scale *= double(W - 2 * margin) / ts.width;
      ts = cv::getTextSize(title, cv::FONT_HERSHEY_DUPLEX, title_scale, tt, &base);
    }
    cv::putText(page, title, {(W - ts.width) / 2, margin + ts.height}, cv::FONT_HERSHEY_DUPLEX,
                title_scale, ink, tt, cv::LINE_AA);
    int y = margin + ts.height * 3;
    double text_scale = 0.75 * unit;
    int line_h = static_cast<int>(28 * unit);
    int paragraphs = rng.uniform(4, 9);
    for (int i = 0; i < paragraphs && y < H * 0.45; ++i, y += line_h)
      draw_text_line(page, {margin, y}, W - 2 * margin, text_scale, std::max(1, int(unit)), rng, ink);
    // A table: header row, a few body rows, 3-5 columns.
    int rows = rng.uniform(4, 8), cols = rng.uniform(3, 6);
    int tx0 = margin, tx1 = W - margin, ty0 = y + line_h / 2;
    int row_h = static_cast<int>(34 * unit);
    int ty1 = std::min(static_cast<int>(H * 0.86), ty0 + rows * row_h);
    rows = std::max(1, (ty1 - ty0) / row_h);
    for (int r = 0; r <= rows; ++r)
      cv::line(page, {tx0, ty0 + r * row_h}, {tx1, ty0 + r * row_h}, ink, std::max(1, int(unit)));
    for (int c = 0; c <= cols; ++c) {
      int x = tx0 + (tx1 - tx0) * c / cols;
      cv::line(page, {x, ty0}, {x, ty0 + rows * row_h}, ink, std::max(1, int(unit)));
    }
    for (int r = 0; r < rows; ++r)
      for (int c = 0; c < cols; ++c)
        draw_text_line(page, {tx0 + (tx1 - tx0) * c / cols + int(6 * unit), ty0 + r * row_h + int(24 * unit)},
                       (tx1 - tx0) / cols - int(12 * unit), 0.6 * unit, std::max(1, int(unit)), rng, ink);
    if (kind == PageKind::booklet) {
      cv::Point c(static_cast<int>(W * uni(rng, 0.55, 0.75)), static_cast<int>(H * uni(rng, 0.75, 0.88)));
      int r = static_cast<int>(W * 0.14);
      cv::circle(page, c, r, {40, 40, 200}, std::max(2, int(4 * unit)), cv::LINE_AA);
      cv::circle(page, c, r / 4, {40, 40, 200}, cv::FILLED, cv::LINE_AA);
    }
    draw_text_line(page, {margin, static_cast<int>(H - margin * 0.6)}, W / 2, text_scale,
                   std::max(1, int(unit)), rng, ink);
  }
  if (!qr_text.empty()) {
    cv::Mat modules;
    cv::QRCodeEncoder::create()->encode(qr_text, modules);
    if (!modules.empty()) {
      int side = static_cast<int>(std::min(W, H) * 0.3);
      cv::Mat big;
      cv::resize(modules, big, {side, side}, 0, 0, cv::INTER_NEAREST);
      cv::cvtColor(big, big, cv::COLOR_GRAY2BGR);
      cv::Rect where(W - margin - side, H - margin - side, side, side);
      big.copyTo(page(where));
    }
  }
  return page;
}

Scene make_scene(std::uint64_t seed, const SceneOptions& opt) {
  cv::RNG rng(seed * 0x9E3779B97F4A7C15ULL + 0x1234567ULL);
  Scene scene;
  const cv::Size size = opt.size;
  const double s = size.width / 1920.0;
  scene.background = opt.background.value_or(static_cast<Background>(rng.uniform(0, 4)));
  if (opt.kind) {
    scene.kind = *opt.kind;
  } else {
    double k = uni(rng, 0, 1);
    scene.kind = k < 0.6 ? PageKind::a4 : k < 0.8 ? PageKind::booklet : PageKind::id_card;
  }

  // --- Background with a few objects lying on the desk.
  cv::Mat tex = texture(scene.background, size, s, rng);
  cv::Scalar base = base_colour(scene.background, rng);
  cv::Mat bg(size, CV_32FC3);
  {
    std::vector<cv::Mat> ch(3);
    for (int i = 0; i < 3; ++i) ch[i] = tex * base[i];
    if (scene.background == Background::cloth) {  // the second yarn colour
      cv::Scalar other = {uni(rng, 40, 230), uni(rng, 40, 230), uni(rng, 40, 230)};
      for (int i = 0; i < 3; ++i) ch[i] = ch[i] * 0.6 + (1.0 - tex) * other[i] * 0.8;
    }
    cv::merge(ch, bg);
  }
  int objects = rng.uniform(0, 4);
  for (int i = 0; i < objects; ++i) {
    cv::Point c(rng.uniform(0, size.width), rng.uniform(0, size.height));
    cv::Scalar col(uni(rng, 0, 255), uni(rng, 0, 255), uni(rng, 0, 255));
    cv::ellipse(bg, c, {int(uni(rng, 10, 160) * s) + 1, int(uni(rng, 4, 20) * s) + 1},
                uni(rng, 0, 180), 0, 360, col, cv::FILLED, cv::LINE_AA);
  }

  // --- The page in 3-D: rotate in plane, tilt, project with a pinhole camera.
  bool landscape = scene.kind == PageKind::id_card;
  double aspect = page_aspect(scene.kind);
  double pw = landscape ? aspect : 1.0, ph = landscape ? 1.0 : aspect;
  double tilt = opt.max_tilt_deg.value_or(12.0) * CV_PI / 180;
  double rz = uni(rng, -25, 25) * CV_PI / 180;
  double rx = uni(rng, -tilt, tilt), ry = uni(rng, -tilt, tilt);
  cv::Matx33d Rz(std::cos(rz), -std::sin(rz), 0, std::sin(rz), std::cos(rz), 0, 0, 0, 1);
  cv::Matx33d Rx(1, 0, 0, 0, std::cos(rx), -std::sin(rx), 0, std::sin(rx), std::cos(rx));
  cv::Matx33d Ry(std::cos(ry), 0, std::sin(ry), 0, 1, 0, -std::sin(ry), 0, std::cos(ry));
  cv::Matx33d R = Rx * Ry * Rz;
  const double dist = 2.2 * std::max(pw, ph);
  std::vector<cv::Point2f> quad;
  for (cv::Vec3d P : {cv::Vec3d(-pw / 2, -ph / 2, 0), cv::Vec3d(pw / 2, -ph / 2, 0),
                      cv::Vec3d(pw / 2, ph / 2, 0), cv::Vec3d(-pw / 2, ph / 2, 0)}) {
    cv::Vec3d X = R * P + cv::Vec3d(0, 0, dist);
    quad.emplace_back(static_cast<float>(X[0] / X[2]), static_cast<float>(X[1] / X[2]));
  }
  cv::Rect2f box;
  {
    float x0 = 1e9f, y0 = 1e9f, x1 = -1e9f, y1 = -1e9f;
    for (const auto& p : quad) {
      x0 = std::min(x0, p.x); y0 = std::min(y0, p.y); x1 = std::max(x1, p.x); y1 = std::max(y1, p.y);
    }
    box = cv::Rect2f(x0, y0, x1 - x0, y1 - y0);
  }
  double fill = scene.kind == PageKind::id_card ? uni(rng, 0.4, 0.8) : uni(rng, 0.6, 1.0);
  double k = fill * std::min(size.width * 0.94 / box.width, size.height * 0.94 / box.height);
  double bw = box.width * k, bh = box.height * k;
  double ox = uni(rng, size.width * 0.03, std::max(size.width * 0.03, size.width * 0.97 - bw));
  double oy = uni(rng, size.height * 0.03, std::max(size.height * 0.03, size.height * 0.97 - bh));
  for (auto& p : quad) p = cv::Point2f(float((p.x - box.x) * k + ox), float((p.y - box.y) * k + oy));

  int long_side = static_cast<int>(std::max(bw, bh) * 1.25) + 16;
  cv::Mat page = render_page(scene.kind, long_side, rng, opt.qr_text);
  // The page image's outer edges sit half a pixel outside its first and last pixel centres.
  float W = static_cast<float>(page.cols), H = static_cast<float>(page.rows);
  std::vector<cv::Point2f> src{{-0.5f, -0.5f}, {W - 0.5f, -0.5f}, {W - 0.5f, H - 0.5f}, {-0.5f, H - 0.5f}};
  cv::Mat Hm = cv::getPerspectiveTransform(src, quad);
  cv::Mat page_f, warped, mask;
  page.convertTo(page_f, CV_32FC3);
  cv::warpPerspective(page_f, warped, Hm, size, cv::INTER_LINEAR, cv::BORDER_CONSTANT);
  cv::Mat ones(page.size(), CV_32F, cv::Scalar(1.0));
  cv::warpPerspective(ones, mask, Hm, size, cv::INTER_LINEAR, cv::BORDER_CONSTANT);
  // Correct the border pixels: warpPerspective blends with the zero border colour, which the
  // mask's own antialiasing already accounts for, so un-premultiply where the mask is partial.
  {
    cv::Mat m3, safe;
    cv::merge(std::vector<cv::Mat>{mask, mask, mask}, m3);
    cv::max(m3, 1e-3, safe);
    warped = warped / safe;
  }

  // Drop shadow on the desk, then paste the page.
  {
    cv::Mat shadow;
    cv::Mat shift = (cv::Mat_<double>(2, 3) << 1, 0, uni(rng, 2, 10) * s, 0, 1, uni(rng, 2, 10) * s);
    cv::warpAffine(mask, shadow, shift, size);
    double sig = uni(rng, 3, 10) * s;
    cv::GaussianBlur(shadow, shadow, {0, 0}, sig);
    cv::Mat dark = 1.0 - uni(rng, 0.1, 0.35) * shadow;
    cv::Mat d3;
    cv::merge(std::vector<cv::Mat>{dark, dark, dark}, d3);
    bg = bg.mul(d3);
  }
  // Another sheet of paper at the edge of the view: long straight bright edges that are not
  // the document.
  if (uni(rng, 0, 1) < 0.25) {
    cv::Point2f c(uni(rng, 0, 1) < 0.5 ? uni(rng, -0.1f, 0.05f) * size.width : uni(rng, 0.95f, 1.1f) * size.width,
                  uni(rng, 0.0, 1.0) * size.height);
    cv::RotatedRect r(c, cv::Size2f(float(0.5 * size.height), float(0.7 * size.height)), float(uni(rng, -30, 30)));
    cv::Point2f pts[4];
    r.points(pts);
    std::vector<cv::Point> poly(pts, pts + 4);
    double g = uni(rng, 200, 245);
    cv::fillConvexPoly(bg, poly, cv::Scalar(g - 3, g, g), cv::LINE_AA);
  }
  cv::Mat m3, inv3;
  cv::merge(std::vector<cv::Mat>{mask, mask, mask}, m3);
  inv3 = cv::Scalar::all(1.0) - m3;
  cv::Mat img = bg.mul(inv3) + warped.mul(m3);

  // A pen lying across one border, away from the corners.
  if (uni(rng, 0, 1) < 0.2) {
    int side = rng.uniform(0, 4);
    cv::Point2f a = quad[side], b = quad[(side + 1) % 4];
    cv::Point2f p = a + (b - a) * static_cast<float>(uni(rng, 0.3, 0.7));
    double ang = uni(rng, 0, CV_PI);
    cv::Point2f dir(static_cast<float>(std::cos(ang)), static_cast<float>(std::sin(ang)));
    float len = static_cast<float>(uni(rng, 0.08, 0.18) * size.height);
    cv::line(img, p - dir * len, p + dir * len, jitter({40, 40, 140}, 40, rng),
             std::max(2, int(uni(rng, 6, 14) * s)), cv::LINE_AA);
  }

  // Uneven light: a linear ramp in a random direction and a vignette.
  {
    cv::Mat light(size, CV_32F);
    double phi = uni(rng, 0, 2 * CV_PI), strength = uni(rng, 0.0, 0.4);
    double vig = uni(rng, 0.0, 0.25);
    double cx = size.width / 2.0, cy = size.height / 2.0, r2 = cx * cx + cy * cy;
    for (int y = 0; y < size.height; ++y) {
      float* l = light.ptr<float>(y);
      for (int x = 0; x < size.width; ++x) {
        double ramp = ((x - cx) * std::cos(phi) + (y - cy) * std::sin(phi)) / std::sqrt(r2);
        double v = ((x - cx) * (x - cx) + (y - cy) * (y - cy)) / r2;
        l[x] = static_cast<float>(1.0 - strength * (ramp + 1) / 2 - vig * v);
      }
    }
    cv::Mat l3;
    cv::merge(std::vector<cv::Mat>{light, light, light}, l3);
    img = img.mul(l3);
  }

  // Glare: a clipped elliptical highlight somewhere on the page.
  scene.glare = opt.glare.value_or(uni(rng, 0, 1) < 0.3);
  if (scene.glare) {
    double u = uni(rng, 0.1, 0.9), v = uni(rng, 0.1, 0.9);
    std::vector<cv::Point2f> in{{float(u * W), float(v * H)}}, out;
    cv::perspectiveTransform(in, out, Hm);
    double r = uni(rng, 0.04, 0.08) * size.height;
    double ratio = uni(rng, 0.5, 1.0), ang = uni(rng, 0, CV_PI);
    cv::Mat blob(size, CV_32F, cv::Scalar(0));
    for (int y = 0; y < size.height; ++y) {
      float* b = blob.ptr<float>(y);
      for (int x = 0; x < size.width; ++x) {
        double dx = x - out[0].x, dy = y - out[0].y;
        double a = dx * std::cos(ang) + dy * std::sin(ang), c = -dx * std::sin(ang) + dy * std::cos(ang);
        double d2 = (a * a) / (r * r) + (c * c) / (r * r * ratio * ratio);
        if (d2 < 9) b[x] = static_cast<float>(std::exp(-d2 / 2));
      }
    }
    cv::Mat b3;
    cv::merge(std::vector<cv::Mat>{blob, blob, blob}, b3);
    img = img + b3 * uni(rng, 200, 320);
  }

  double blur = opt.blur_sigma.value_or(uni(rng, 0, 1) < 0.75 ? uni(rng, 0, 1.0) : uni(rng, 1.0, 2.2));
  scene.blur_sigma = blur * s;
  if (scene.blur_sigma > 0.3) cv::GaussianBlur(img, img, {0, 0}, scene.blur_sigma);
  scene.noise_sigma = uni(rng, 1.5, 5.0);
  cv::Mat noise(size, CV_32FC3);
  rng.fill(noise, cv::RNG::NORMAL, 0.0, scene.noise_sigma);
  img += noise;
  img.convertTo(scene.image, CV_8UC3);
  if (uni(rng, 0, 1) < 0.5) {
    std::vector<uchar> buf;
    cv::imencode(".jpg", scene.image, buf, {cv::IMWRITE_JPEG_QUALITY, rng.uniform(75, 93)});
    scene.image = cv::imdecode(buf, cv::IMREAD_COLOR);
  }
  Quad q{quad[0], quad[1], quad[2], quad[3]};
  scene.corners = order_clockwise(q);
  return scene;
}

}  // namespace jiuzhu::camera::synth
