// The outside corpus (tests/camera/make_corpus.py): loading its scenes and scoring the camera
// pipeline on one of them. Shared by the corpus check (camera_corpus_eval, a ctest) and the
// benchmark (camera_bench --corpus).
//
// A scene is a JPEG beside a JSON file: {"file", "type", "kind" ("a4", "id_card" or null),
// "split" ("tune" or "held"), "corners" (4 × [x, y], clockwise, or null for an empty scene),
// "expect" (quality problem codes the gate must raise, e.g. ["blurry"])}.
//
// Thread-safety: pure functions; no shared state.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "peripherals/camera/geometry.h"

namespace jiuzhu::camera::corpus {

struct Scene {
  std::string path;                 // the image
  std::string name;                 // scene_NNN
  std::string type;                 // dark_table, wood, …, empty
  std::string split;                // tune, held
  PageKind kind = PageKind::unknown;
  std::optional<Quad> corners;      // none for an empty scene
  std::vector<std::string> expect;  // quality problem codes the gate must raise
};

// Every scene of `dir` (its *.json files, in name order) whose split is `split` ("all" = any).
// Throws std::runtime_error on a malformed description.
std::vector<Scene> load(const std::string& dir, const std::string& split);

struct Outcome {
  bool found = false;               // a page was reported (for an empty scene: with any kind asked)
  double error_px = 1e9;            // largest corner distance to the truth (best cyclic labelling)
  bool within = false;              // error ≤ 1 % of the image diagonal
  std::vector<std::string> problems;  // quality problem codes, in the gate's order
  std::vector<std::string> messages;  // their sentences
  bool expected_problems = true;    // every code in Scene::expect was raised with its sentence
  double sharpness = 0, detail = 0, glare = 0;  // the gate's measurements (when found)
  double ms = 0;                    // wall time of detect + quality on this thread
  double cpu_ms = 0;                // and its CPU time (the machine may be shared)
};

// Runs detect_page + assess_quality as the kiosk does (the kind it asked for is the scene's
// kind; an empty scene is asked for every kind and counts as found if any reports a page).
// `ablate`: DetectOptions::ablate bits (measurements of what each stage adds).
Outcome evaluate(const Scene& scene, const cv::Mat& image, unsigned ablate = 0);

// CPU time of the calling thread, in ms.
double thread_cpu_ms();

// Largest corner distance, trying the four cyclic labellings of `got`.
double corner_error(const Quad& got, const Quad& truth);

}  // namespace jiuzhu::camera::corpus
