#!/usr/bin/env python3
"""An outside corpus for the document camera: ImageMagick photos with known page corners.

This pipeline shares nothing with tests/camera/synth_scene.cpp (nor with the detector): the
pages are drawn with ImageMagick (real CJK text in a system font, a ruled table, a red seal;
an ID-card-sized card with rounded corners and a photo box), bent onto the scene with
`-distort Perspective` and composed over procedural 1920x1080 backgrounds (dark table, wood
planks, light desk, busy desk with clutter, white on white) with drop shadows, lighting
gradients, cast shadows, glare, a finger over a corner, defocus, noise and JPEG compression.
Empty scenes (no page) are part of it.

Every scene i is made from its own seed (BASE_SEED + i) so the same command gives the same
files. Scene i < 128 is variant i // 16 of type i % 16 (TYPES); scenes 128-169 are empty
scenes with one page-like object that is not a page (EMPTY_TYPES: phone, books, keyboard,
tablet, framed picture, white tray, dark paper), variant (i - 128) // 7 of type (i - 128) % 7.
Even variants form the tuning half, odd ones the held-out half (split_of): tune on
`--split tune` only and report on `--split held`.

Output, per scene: scene_NNN.jpg and scene_NNN.json ({"type", "kind", "split", "corners"
(clockwise from the page's top-left, OpenCV pixel convention, or null when empty), "expect"
(quality problems the gate must raise, e.g. ["blurry"])}) and index.json listing them.

usage: make_corpus.py --out DIR [--split tune|held|all] [--jobs N] [--count-per-type K]
"""
import argparse
import json
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

W, H = 1920, 1080
BASE_SEED = 17000
PER_TYPE = 8
# Scene types, in a fixed order; index i of the corpus is type TYPES[i % len(TYPES)].
TYPES = ["dark_table", "wood", "light_desk", "busy_desk", "white_on_white", "finger", "shadow",
         "uneven_light", "dim_noisy", "small_far", "strong_skew", "glare", "blur", "card", "empty",
         "empty_clutter"]
# Further empty scenes, appended after the first len(TYPES) * PER_TYPE so that adding them left
# the earlier scenes unchanged: each shows one page-like object that is not a page (a phone,
# books, a keyboard, a dark tablet, a framed picture, an empty white tray, a sheet of dark
# paper) among a little clutter. Scene len(TYPES) * PER_TYPE + j is variant j // len(EMPTY_TYPES)
# of EMPTY_TYPES[j % len(EMPTY_TYPES)].
EMPTY_TYPES = ["empty_phone", "empty_books", "empty_keyboard", "empty_tablet", "empty_frame",
               "empty_tray", "empty_dark_paper"]
EMPTY_PER_TYPE = 6
FONTS = ["/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
         "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
         "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"]
HANZI = ("申请人姓名性别民族出生年月身份证号码家庭住址联系电话户籍所在地共同生活成员关系收入情况"
         "财产状况就业医疗教育住房残疾等级困难原因申请事项本人承诺以上信息真实有效签字日期乡镇街道"
         "村居民委员会审核意见低保特困临时救助最低生活保障")
A4 = (210.0, 297.0)
CARD = (85.6, 54.0)


def font(rng):
    fonts = [f for f in FONTS if os.path.exists(f)]
    return rng.choice(fonts) if fonts else None


def words(rng, n):
    return "".join(rng.choice(HANZI) for _ in range(n))


def rgb(c):
    return "rgb(%d,%d,%d)" % tuple(max(0, min(255, int(v))) for v in c)


# --- Documents --------------------------------------------------------------------------------

def render_a4(rng, path, ppm):
    """An application form at `ppm` pixels per mm: title, text lines, a table, a seal."""
    w, h = int(round(A4[0] * ppm)), int(round(A4[1] * ppm))
    paper = [rng.uniform(236, 255)] * 3
    paper[2] -= rng.uniform(0, 8)  # a little warm
    f = font(rng)
    ink = rgb([rng.uniform(10, 50)] * 3)
    args = ["-size", "%dx%d" % (w, h), "xc:" + rgb(paper)]
    if f:
        args += ["-font", f]
    m = 18 * ppm  # margin
    y = 22 * ppm
    args += ["-fill", ink, "-pointsize", str(6.5 * ppm), "-gravity", "North",
             "-annotate", "+0+%d" % y, words(rng, rng.randint(6, 10)) + "申请表", "-gravity", "NorthWest"]
    y += 16 * ppm
    size = 3.6 * ppm
    args += ["-pointsize", str(size)]
    for _ in range(rng.randint(5, 9)):
        n = rng.randint(12, 30)
        args += ["-annotate", "+%d+%d" % (m, y), words(rng, n)]
        y += size * 1.8
    # A ruled table.
    rows, cols = rng.randint(5, 9), rng.randint(3, 5)
    tx0, tx1 = m, w - m
    ty0 = y + 4 * ppm
    rh = 8 * ppm
    lw = max(1.0, 0.35 * ppm)
    draw = "stroke %s stroke-width %.1f fill none " % (ink, lw)
    for r in range(rows + 1):
        draw += "line %d,%d %d,%d " % (tx0, ty0 + r * rh, tx1, ty0 + r * rh)
    for c in range(cols + 1):
        x = tx0 + (tx1 - tx0) * c / cols
        draw += "line %d,%d %d,%d " % (x, ty0, x, ty0 + rows * rh)
    args += ["-draw", draw]
    cell = 2.8 * ppm
    args += ["-pointsize", str(cell), "-stroke", "none"]
    for r in range(rows):
        for c in range(cols):
            if rng.random() < 0.75:
                x = tx0 + (tx1 - tx0) * c / cols + 1.5 * ppm
                args += ["-annotate", "+%d+%d" % (x, ty0 + r * rh + 2 * ppm), words(rng, rng.randint(2, 5))]
    y = ty0 + rows * rh + 8 * ppm
    args += ["-pointsize", str(size)]
    while y < h - 40 * ppm:
        args += ["-annotate", "+%d+%d" % (m, y), words(rng, rng.randint(8, 30))]
        y += size * 1.8
    # Signature line and a red seal, sometimes crossing the text.
    args += ["-annotate", "+%d+%d" % (w * 0.55, h - 32 * ppm), "签字：" + words(rng, 3)]
    cx, cy, r = w * rng.uniform(0.55, 0.75), h - rng.uniform(30, 45) * ppm, rng.uniform(17, 21) * ppm
    red = rgb((rng.uniform(190, 230), rng.uniform(20, 60), rng.uniform(30, 60)))
    args += ["-fill", "none", "-stroke", red, "-strokewidth", str(1.2 * ppm),
             "-draw", "circle %d,%d %d,%d" % (cx, cy, cx + r, cy),
             "-fill", red, "-stroke", "none", "-pointsize", str(4 * ppm), "-gravity", "NorthWest",
             "-annotate", "+%d+%d" % (cx - 9 * ppm, cy - 2 * ppm), "专用章",
             "-draw", "polygon %d,%d %d,%d %d,%d" % (cx, cy - 0.6 * r, cx - 0.2 * r, cy - 0.25 * r, cx + 0.2 * r, cy - 0.25 * r)]
    args += ["-alpha", "set", path]
    return args, (w, h)


def render_card(rng, path, ppm):
    """An ID-card-sized card (85.6 x 54 mm) with rounded corners, a photo box and text."""
    w, h = int(round(CARD[0] * ppm)), int(round(CARD[1] * ppm))
    base = rng.choice([(225, 235, 240), (240, 236, 222), (236, 240, 236)])
    f = font(rng)
    r = 3.2 * ppm
    args = ["-size", "%dx%d" % (w, h), "gradient:%s-%s" % (rgb(base), rgb([v - 25 for v in base]))]
    if f:
        args += ["-font", f]
    ink = rgb([rng.uniform(20, 60)] * 3)
    args += ["-fill", ink, "-pointsize", str(3.0 * ppm)]
    for k, label in enumerate(["姓名", "性别", "出生", "住址", ""]):
        args += ["-annotate", "+%d+%d" % (6 * ppm, (8 + 7 * k) * ppm), label + " " + words(rng, rng.randint(3, 9))]
    args += ["-pointsize", str(3.4 * ppm), "-annotate", "+%d+%d" % (6 * ppm, 47 * ppm),
             "公民身份号码 " + "".join(rng.choice("0123456789") for _ in range(18))]
    args += ["-fill", rgb((rng.uniform(150, 200),) * 3),
             "-draw", "rectangle %d,%d %d,%d" % (58 * ppm, 8 * ppm, 80 * ppm, 36 * ppm),
             "-fill", rgb((70, 60, 55)), "-draw", "ellipse %d,%d %d,%d 0,360" % (69 * ppm, 19 * ppm, 6 * ppm, 7 * ppm),
             "-draw", "ellipse %d,%d %d,%d 180,360" % (69 * ppm, 37 * ppm, 10 * ppm, 10 * ppm)]
    # Rounded corners: a mask.
    args += ["(", "-size", "%dx%d" % (w, h), "xc:black", "-fill", "white",
             "-draw", "roundrectangle 0,0 %d,%d %d,%d" % (w - 1, h - 1, r, r), ")",
             "-alpha", "off", "-compose", "CopyOpacity", "-composite", "-compose", "Over", path]
    return args, (w, h)


# --- Placement ---------------------------------------------------------------------------------

def place(rng, size_px, rot_deg, keystone, jitter, margin=30):
    """Corners (TL, TR, BR, BL in IM edge coordinates) of a w x h sheet rotated by rot_deg with
    a keystone (camera tilt) and corner jitter, moved to a random spot inside the frame; None
    when it cannot fit."""
    w, h = size_px
    a = math.radians(rot_deg)
    base = [(-w / 2, -h / 2), (w / 2, -h / 2), (w / 2, h / 2), (-w / 2, h / 2)]
    # Keystone along a random axis: the far edge shrinks.
    t = rng.uniform(0, 2 * math.pi)
    ux, uy = math.cos(t), math.sin(t)
    pts = []
    for (x, y) in base:
        along = (x * ux + y * uy) / max(w, h)
        s = 1 - keystone * along * 2
        x, y = x * s, y * s
        x += rng.uniform(-jitter, jitter) * w
        y += rng.uniform(-jitter, jitter) * h
        pts.append((x * math.cos(a) - y * math.sin(a), x * math.sin(a) + y * math.cos(a)))
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    lo_x, hi_x = margin - min(xs), W - margin - max(xs)
    lo_y, hi_y = margin - min(ys), H - margin - max(ys)
    if lo_x > hi_x or lo_y > hi_y:
        return None
    cx, cy = rng.uniform(lo_x, hi_x), rng.uniform(lo_y, hi_y)
    return [(x + cx, y + cy) for (x, y) in pts]


# --- Backgrounds --------------------------------------------------------------------------------

def background(rng, kind, seed):
    """ImageMagick arguments that leave one 1920x1080 background image on the stack."""
    sz = "%dx%d" % (W, H)
    if kind == "dark_table":
        c = [rng.uniform(25, 60)] * 3
        c[0] += rng.uniform(0, 15)
        return ["-size", sz, "xc:" + rgb(c), "-seed", str(seed), "-attenuate", "0.4", "+noise", "Gaussian"]
    if kind == "wood":
        horiz = rng.random() < 0.5
        dark = (rng.uniform(70, 110), rng.uniform(45, 70), rng.uniform(25, 40))
        light = (dark[0] + rng.uniform(50, 80), dark[1] + rng.uniform(40, 60), dark[2] + rng.uniform(25, 40))
        a = ["-size", ("%dx48" % W) if not horiz else ("48x%d" % H), "xc:gray50", "-seed", str(seed),
             "+noise", "Random", "-colorspace", "gray", "-blur", "0x1", "-resize", sz + "!", "-colorspace", "sRGB",
             "-type", "TrueColor",
             "+level-colors", rgb(dark) + "," + rgb(light)]
        # Plank seams.
        plank = rng.uniform(180, 320)
        d = "stroke %s stroke-width 3 " % rgb([v * 0.5 for v in dark])
        pos = rng.uniform(0, plank)
        while pos < (H if horiz else W):
            d += ("line 0,%d %d,%d " % (pos, W, pos)) if horiz else ("line %d,0 %d,%d " % (pos, pos, H))
            pos += plank
        return a + ["-draw", d]
    if kind == "light_desk":
        c = (rng.uniform(190, 215), rng.uniform(185, 210), rng.uniform(170, 200))
        return ["-size", sz, "xc:" + rgb(c), "-seed", str(seed), "-attenuate", "0.3", "+noise", "Gaussian"]
    if kind == "white_on_white":
        v = rng.uniform(215, 232)
        return ["-size", sz, "xc:" + rgb((v, v, v - 2)), "-seed", str(seed), "-attenuate", "0.25", "+noise", "Gaussian"]
    if kind == "cloth":
        c1 = (rng.uniform(60, 160), rng.uniform(40, 120), rng.uniform(40, 140))
        c2 = [v * 0.6 for v in c1]
        return ["-size", sz, "pattern:checkerboard", "-scale", "%d%%" % rng.randint(300, 600),
                "-crop", sz + "+0+0", "+repage", "+level-colors", rgb(c2) + "," + rgb(c1), "-blur", "0x1.5"]
    # busy desk: a mid-tone surface with clutter
    c = (rng.uniform(90, 170), rng.uniform(80, 160), rng.uniform(70, 150))
    return ["-size", sz, "xc:" + rgb(c), "-seed", str(seed), "-attenuate", "0.3", "+noise", "Gaussian"] + clutter(rng)


def clutter(rng, n=None):
    """Objects on a desk: books, a keyboard, a cup, pens, a phone. Saturated or dark, never a
    white sheet (a white rectangle on an empty tray would be a page)."""
    d = ""
    for _ in range(n if n is not None else rng.randint(5, 10)):
        col = rgb(rng.choice([(rng.uniform(120, 220), rng.uniform(20, 80), rng.uniform(20, 80)),
                              (rng.uniform(20, 70), rng.uniform(60, 140), rng.uniform(120, 200)),
                              (rng.uniform(20, 50),) * 3, (rng.uniform(40, 90), rng.uniform(100, 160), rng.uniform(40, 90))]))
        k = rng.random()
        x, y = rng.uniform(-100, W), rng.uniform(-100, H)
        if k < 0.35:
            w, h = rng.uniform(150, 450), rng.uniform(100, 350)
            ang = rng.uniform(-30, 30)
            d += "push graphic-context translate %d,%d rotate %.1f fill %s rectangle 0,0 %d,%d pop graphic-context " % (x, y, ang, col, w, h)
        elif k < 0.55:
            r = rng.uniform(40, 90)
            d += "fill %s circle %d,%d %d,%d fill rgb(30,30,30) circle %d,%d %d,%d " % (col, x, y, x + r, y, x, y, x + r * 0.7, y)
        elif k < 0.85:
            x2, y2 = x + rng.uniform(-300, 300), y + rng.uniform(-300, 300)
            d += "stroke %s stroke-width %d line %d,%d %d,%d stroke none " % (col, rng.randint(6, 14), x, y, x2, y2)
        else:
            w, h = rng.uniform(120, 160), rng.uniform(230, 300)
            d += "fill rgb(20,20,25) roundrectangle %d,%d %d,%d 15,15 " % (x, y, x + w, y + h)
    return ["-draw", d] if d else []


def scene_type(index, per_type=PER_TYPE):
    """(type, variant) of scene `index`."""
    if index < per_type * len(TYPES):
        return TYPES[index % len(TYPES)], index // len(TYPES)
    j = index - per_type * len(TYPES)
    return EMPTY_TYPES[j % len(EMPTY_TYPES)], j // len(EMPTY_TYPES)


def split_of(index, per_type=PER_TYPE):
    """Variants 0, 2, 4, ... of every type tune; 1, 3, 5, ... are held out."""
    return "tune" if scene_type(index, per_type)[1] % 2 == 0 else "held"


# --- Objects that are not pages -------------------------------------------------------------------

def rotated(rng, w, h, body, margin=-80):
    """`body` (draw primitives in a w x h box at the origin) turned by a random angle and moved to a
    random spot (it may run off the frame by up to -margin px)."""
    x, y = rng.uniform(margin, W - w - margin), rng.uniform(margin, H - h - margin)
    ang = rng.uniform(-35, 35)
    return ("push graphic-context translate %d,%d rotate %.1f translate %d,%d %s pop graphic-context " %
            (x + w / 2, y + h / 2, ang, -w / 2, -h / 2, body))


def decoy(rng, stype):
    """Draw primitives of the scene's page-like object."""
    if stype == "empty_phone":
        d = ""
        for _ in range(rng.randint(1, 2)):
            w = rng.uniform(190, 260)
            h = w * rng.uniform(1.9, 2.15)
            body = rgb([rng.uniform(10, 45)] * 3)
            if rng.random() < 0.6:  # screen off: black glass
                screen = "fill %s roundrectangle %d,%d %d,%d 12,12 " % (rgb([rng.uniform(5, 25)] * 3), 10, 14, w - 10, h - 14)
            else:  # a lit screen: a coloured wallpaper and icons
                c = (rng.uniform(20, 120), rng.uniform(60, 160), rng.uniform(120, 230))
                screen = "fill %s roundrectangle %d,%d %d,%d 12,12 " % (rgb(c), 10, 14, w - 10, h - 14)
                for r_ in range(5):
                    for c_ in range(4):
                        ic = rgb((rng.uniform(40, 255), rng.uniform(40, 255), rng.uniform(40, 255)))
                        screen += "fill %s roundrectangle %d,%d %d,%d 6,6 " % (
                            ic, 22 + c_ * (w - 30) / 4, 40 + r_ * h / 7, 22 + c_ * (w - 30) / 4 + w / 7, 40 + r_ * h / 7 + w / 7)
            d += rotated(rng, w, h, "fill %s roundrectangle 0,0 %d,%d 22,22 %s" % (body, w, h, screen))
        return d
    if stype == "empty_books":
        d = ""
        for _ in range(rng.randint(2, 4)):
            w, h = rng.uniform(330, 520), rng.uniform(460, 700)
            if rng.random() < 0.4:  # a pale cover with a coloured band and a title
                cover = (rng.uniform(200, 235), rng.uniform(195, 230), rng.uniform(180, 215))
                band = rgb((rng.uniform(100, 220), rng.uniform(20, 120), rng.uniform(20, 160)))
                body = ("fill %s rectangle 0,0 %d,%d fill %s rectangle 0,%d %d,%d "
                        "fill rgb(30,30,30) rectangle %d,%d %d,%d " % (
                            rgb(cover), w, h, band, h * 0.55, w, h * 0.8, w * 0.15, h * 0.15, w * 0.85, h * 0.3))
            else:
                cover = rgb((rng.uniform(30, 200), rng.uniform(30, 160), rng.uniform(30, 160)))
                body = ("fill %s rectangle 0,0 %d,%d fill rgb(235,225,200) rectangle %d,%d %d,%d " % (
                    cover, w, h, w * 0.2, h * 0.2, w * 0.8, h * 0.28))
            body += "stroke rgb(20,20,20) stroke-width 4 line 12,0 12,%d stroke none " % h  # the spine fold
            d += rotated(rng, w, h, body)
        return d
    if stype == "empty_keyboard":
        w, h = rng.uniform(1000, 1350), rng.uniform(330, 420)
        light = rng.random() < 0.5
        base = rgb([rng.uniform(200, 230) if light else rng.uniform(25, 60)] * 3)
        key = rgb([rng.uniform(235, 250) if light else rng.uniform(45, 80)] * 3)
        body = "fill %s roundrectangle 0,0 %d,%d 14,14 fill %s " % (base, w, h, key)
        kw, kh = (w - 30) / 15, (h - 30) / 5
        for r_ in range(5):
            for c_ in range(15):
                body += "roundrectangle %d,%d %d,%d 4,4 " % (15 + c_ * kw + 3, 15 + r_ * kh + 3, 15 + (c_ + 1) * kw - 3, 15 + (r_ + 1) * kh - 3)
        body += "fill %s " % rgb([40] * 3 if light else [200] * 3)
        for r_ in range(5):
            for c_ in range(15):
                body += "rectangle %d,%d %d,%d " % (15 + c_ * kw + kw * 0.3, 15 + r_ * kh + kh * 0.3, 15 + c_ * kw + kw * 0.45, 15 + r_ * kh + kh * 0.45)
        return rotated(rng, w, h, body, margin=-40)
    if stype == "empty_tablet":
        w, h = rng.uniform(620, 820), rng.uniform(440, 580)
        body = ("fill %s roundrectangle 0,0 %d,%d 30,30 fill %s rectangle 30,30 %d,%d "
                "fill rgba(255,255,255,0.12) polygon %d,30 %d,30 %d,%d %d,%d " % (
                    rgb([rng.uniform(15, 45)] * 3), w, h, rgb([rng.uniform(5, 30)] * 3), w - 30, h - 30,
                    w * 0.45, w * 0.7, w * 0.4, h - 30, w * 0.15, h - 30))
        return rotated(rng, w, h, body, margin=0)
    if stype == "empty_frame":
        w, h = rng.uniform(380, 620), rng.uniform(480, 760)
        if rng.random() < 0.5:
            w, h = h, w
        fr = rgb(rng.choice([(rng.uniform(80, 130), rng.uniform(50, 80), rng.uniform(25, 45)), (25, 25, 28), (200, 170, 90)]))
        b = rng.uniform(25, 50)
        mat = rng.uniform(0, 45) if rng.random() < 0.6 else 0
        body = "fill %s rectangle 0,0 %d,%d " % (fr, w, h)
        if mat:
            body += "fill rgb(238,236,230) rectangle %d,%d %d,%d " % (b, b, w - b, h - b)
        x0, y0, x1, y1 = b + mat, b + mat, w - b - mat, h - b - mat
        sky = rgb((rng.uniform(80, 170), rng.uniform(130, 200), rng.uniform(180, 240)))
        ground = rgb((rng.uniform(40, 120), rng.uniform(90, 160), rng.uniform(30, 80)))
        body += "fill %s rectangle %d,%d %d,%d fill %s rectangle %d,%d %d,%d " % (
            sky, x0, y0, x1, y1, ground, x0, y0 + (y1 - y0) * 0.6, x1, y1)
        for _ in range(rng.randint(3, 7)):  # people, trees, a sun
            cx, cy = rng.uniform(x0 + 20, x1 - 20), rng.uniform(y0 + 20, y1 - 20)
            r = rng.uniform(10, (x1 - x0) / 6)
            body += "fill %s circle %d,%d %d,%d " % (rgb((rng.uniform(0, 255), rng.uniform(0, 255), rng.uniform(0, 255))), cx, cy, cx + r, cy)
        return rotated(rng, w, h, body, margin=0)
    if stype == "empty_tray":
        w, h = rng.uniform(620, 900), rng.uniform(480, 700)
        v = rng.uniform(215, 245)
        rim = rng.uniform(14, 26)
        body = ("fill %s roundrectangle 0,0 %d,%d 18,18 fill %s roundrectangle %d,%d %d,%d 10,10 "
                "stroke %s stroke-width 3 fill none roundrectangle %d,%d %d,%d 10,10 stroke none " % (
                    rgb([min(255, v + 8)] * 3), w, h, rgb([v - 6] * 3), rim, rim, w - rim, h - rim,
                    rgb([v - 35] * 3), rim, rim, w - rim, h - rim))
        return rotated(rng, w, h, body, margin=10)
    # empty_dark_paper: an A4 sheet of dark paper, lying like a page would
    ppm = rng.uniform(2.6, 3.3)
    pts = place(rng, (A4[0] * ppm, A4[1] * ppm), rng.uniform(-15, 15) + (90 if rng.random() < 0.3 else 0),
                rng.uniform(0, 0.05), 0.006)
    if pts is None:
        pts = place(rng, (A4[0] * 2.4, A4[1] * 2.4), rng.uniform(-10, 10), 0.02, 0.006)
    col = rng.choice([(rng.uniform(20, 50), rng.uniform(25, 45), rng.uniform(60, 110)), (30, 30, 32),
                      (rng.uniform(60, 90), rng.uniform(35, 50), rng.uniform(20, 35)), (35, rng.uniform(60, 90), 45),
                      (rng.uniform(70, 110),) * 3])
    return "fill %s polygon %s " % (rgb(col), " ".join("%.1f,%.1f" % p for p in pts))


# --- One scene ----------------------------------------------------------------------------------

def make_scene(index, out_dir, tmp, base_seed=BASE_SEED):
    seed = base_seed + index
    rng = random.Random(seed)
    stype, _ = scene_type(index)
    empty = stype.startswith("empty")
    split = split_of(index)
    name = "scene_%03d" % index
    bg_kind = {"dark_table": "dark_table", "wood": "wood", "light_desk": "light_desk",
               "busy_desk": "busy", "white_on_white": "white_on_white"}.get(stype)
    if bg_kind is None:
        bg_kind = rng.choice(["dark_table", "wood", "light_desk", "busy", "cloth"])
    args = background(rng, bg_kind, seed)
    kind = None
    corners = None
    expect = []
    glare_args = []
    if not empty:
        card = stype == "card"
        kind = "id_card" if card else "a4"
        rot = rng.uniform(-12, 12)
        keystone, jitter = rng.uniform(0, 0.05), 0.006
        if card:
            ppm = rng.uniform(4.5, 7.5)
        elif stype == "small_far":
            ppm = rng.uniform(1.5, 2.1)
        else:
            ppm = rng.uniform(2.6, 3.4)
        if stype == "dark_table" and index < 2 * len(TYPES):
            rot = 5.0  # the easiest case: tilted 5 degrees, a third of the frame
            ppm = 2.75
        if stype == "strong_skew":
            rot = rng.choice([-1, 1]) * rng.uniform(20, 40)
            keystone = rng.uniform(0.1, 0.16)
            jitter = 0.015
        if not card and rng.random() < 0.3:
            rot += 90  # landscape on the tray
        page = os.path.join(tmp, name + "_page.png")
        render = render_card if card else render_a4
        for _ in range(40):
            rargs, size = render(rng, page, ppm)
            pts = place(rng, size, rot, keystone, jitter)
            if pts:
                break
            ppm *= 0.93
        else:
            raise RuntimeError("cannot place page in " + name)
        subprocess.run(["convert"] + rargs, check=True)
        w, h = size
        src = [(0, 0), (w, 0), (w, h), (0, h)]
        dist = " ".join("%d,%d %.3f,%.3f" % (s[0], s[1], d[0], d[1]) for s, d in zip(src, pts))
        warped = ["(", "(", page, "-virtual-pixel", "transparent", "-define", "distort:viewport=%dx%d+0+0" % (W, H),
                  "-filter", "Triangle", "-distort", "Perspective", dist, ")"]
        # Drop shadow: the page's alpha, dark, blurred and shifted.
        sh_op = rng.uniform(0.15, 0.5)
        shadow = ["(", "+clone", "-background", "black", "-channel", "RGB", "-evaluate", "set", "0", "+channel",
                  "-channel", "A", "-evaluate", "multiply", "%.2f" % sh_op, "+channel", "-resize", "25%",
                  "-blur", "0x%.1f" % (rng.randint(3, 9) / 4), "-resize", "%dx%d!" % (W, H),
                  "-roll", "%+d%+d" % (rng.randint(-6, 8), rng.randint(2, 10)), ")"]
        args += ["-compose", "Over"] + warped + shadow + ["+swap", "-composite", ")", "-composite"]
        corners = [[x - 0.5, y - 0.5] for (x, y) in pts]  # IM edge coordinates -> pixel centres
        cxs, cys = [p[0] for p in pts], [p[1] for p in pts]
        pcx, pcy = sum(cxs) / 4, sum(cys) / 4
        if stype == "finger":
            k = rng.randrange(4)
            fx, fy = pts[k]
            # From the corner outwards, away from the page centre.
            ang = math.atan2(fy - pcy, fx - pcx) + rng.uniform(-0.6, 0.6)
            length = rng.uniform(260, 420)
            width = rng.uniform(70, 95)
            tipx, tipy = fx - math.cos(ang) * rng.uniform(15, 45), fy - math.sin(ang) * rng.uniform(15, 45)
            skin = rgb((rng.uniform(190, 235), rng.uniform(140, 180), rng.uniform(110, 150)))
            deg = math.degrees(ang)
            finger = ("push graphic-context translate %.1f,%.1f rotate %.1f fill %s "
                      "roundrectangle 0,%d %d,%d %d,%d pop graphic-context" % (
                          tipx, tipy, deg, skin, -width / 2, length, width / 2, width / 2, width / 2))
            args += ["(", "-size", "%dx%d" % (W, H), "xc:none", "-fill", "black",
                     "-draw", finger.replace("fill " + skin, "fill rgba(0,0,0,0.45)"), "-resize", "25%", "-blur", "0x3",
                     "-resize", "%dx%d!" % (W, H),
                     "-roll", "+10+14", ")", "-composite",
                     "-draw", finger]
        if stype == "glare":  # applied after the lighting: a reflection is not shaded
            gx, gy = pcx + rng.uniform(-0.25, 0.25) * (max(cxs) - min(cxs)), pcy + rng.uniform(-0.25, 0.25) * (max(cys) - min(cys))
            # A lamp's reflection is far brighter than diffuse paper: the camera exposes for the
            # page (paper well below clipping) and the spot clips, washing out the text under it.
            r = rng.uniform(110, 200)
            glare_args += ["-evaluate", "multiply", "%.2f" % rng.uniform(0.8, 0.9)]
            glare_args += ["(", "-size", "%dx%d" % (2 * r, 2 * r), "radial-gradient:white-black", "-evaluate", "multiply", "2.2",
                     "-background", "black", "-extent", "%dx%d-%d-%d" % (W, H, gx - r, gy - r), ")",
                     "-compose", "Screen", "-composite", "-compose", "Over"]
            expect = ["glare"]
    elif stype == "empty_clutter":
        args += clutter(rng, rng.randint(8, 16))
    elif stype in EMPTY_TYPES:
        args += clutter(rng, rng.randint(0, 4)) + ["-draw", decoy(rng, stype)]
    elif bg_kind != "busy":
        args += clutter(rng, rng.randint(0, 4))
    # Lighting.
    if stype in ("uneven_light",) or rng.random() < 0.25:
        lo = rng.uniform(0.45, 0.7) if stype == "uneven_light" else rng.uniform(0.75, 0.9)
        g = int(255 * lo)
        # Computed at a quarter of the size: light varies slowly.
        if rng.random() < 0.5:
            t = rng.uniform(0, 2 * math.pi)
            x1, y1 = 240 + 300 * math.cos(t), 135 + 300 * math.sin(t)
            light = ["-size", "480x270", "xc:", "-sparse-color", "Barycentric",
                     "%.1f,%.1f white %.1f,%.1f %s" % (x1, y1, 480 - x1, 270 - y1, rgb((g, g, g)))]
        else:
            light = ["-size", "480x270", "radial-gradient:white-" + rgb((g, g, g)), "-roll",
                     "%+d%+d" % (rng.uniform(-120, 120), rng.uniform(-70, 70))]
        light += ["-resize", "%dx%d!" % (W, H)]
        args += ["-gravity", "NorthWest", "("] + light + [")", "-compose", "Multiply", "-composite", "-compose", "Over"]
    if stype == "shadow":
        # A person's shadow: a big soft blob crossing part of the page.
        x0 = rng.uniform(0.2, 0.8) * W
        poly = " ".join("%d,%d" % (p[0] / 4, p[1] / 4) for p in [
            (x0, -50), (x0 + rng.uniform(200, 500), -50), (x0 + rng.uniform(-200, 300), H + 50),
            (x0 - rng.uniform(200, 500), H + 50)])
        v = int(255 * rng.uniform(0.45, 0.65))
        args += ["(", "-size", "480x270", "xc:white", "-fill", rgb((v, v, v)), "-draw", "polygon " + poly,
                 "-blur", "0x%.1f" % (rng.randint(10, 30) / 4), "-resize", "%dx%d!" % (W, H), ")",
                 "-compose", "Multiply", "-composite", "-compose", "Over"]
    args += glare_args
    # Camera: optics, exposure, noise, compression.
    noise = 0.35
    if stype == "dim_noisy":
        args += ["-evaluate", "multiply", "%.2f" % rng.uniform(0.3, 0.45)]
        noise = rng.uniform(1.5, 2.5)
    if stype == "blur":
        args += ["-blur", "0x%.1f" % rng.uniform(4.0, 6.0)]
        expect = ["blurry"]
    else:
        args += ["-blur", "0x%.2f" % rng.uniform(0.5, 0.9)]
    args += ["-seed", str(seed + 1), "-attenuate", "%.2f" % noise, "+noise", "Gaussian",
             "-quality", str(rng.randint(60, 90) if stype == "dim_noisy" else rng.randint(75, 92)),
             "-alpha", "off", os.path.join(out_dir, name + ".jpg")]
    subprocess.run(["convert"] + args, check=True)
    meta = {"file": name + ".jpg", "type": stype, "background": bg_kind, "kind": kind, "split": split,
            "seed": seed, "corners": corners, "expect": expect}
    with open(os.path.join(out_dir, name + ".json"), "w") as f:
        json.dump(meta, f)
    return meta


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--split", choices=["tune", "held", "all"], default="all")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--count-per-type", type=int, default=PER_TYPE)
    ap.add_argument("--only", type=int, nargs="*", help="scene indices to make")
    ap.add_argument("--base-seed", type=int, default=BASE_SEED,
                    help="another seed gives a fresh corpus of the same design (a further held-out check)")
    a = ap.parse_args()
    if not shutil.which("convert"):
        sys.exit("make_corpus: ImageMagick's convert is not installed (deploy/packages.txt: imagemagick)")
    os.makedirs(a.out, exist_ok=True)
    if not a.only:  # a fresh set: no scene of an older generator may linger
        for f in os.listdir(a.out):
            if f.startswith("scene_") or f == "index.json":
                os.remove(os.path.join(a.out, f))
    n = a.count_per_type * len(TYPES) + EMPTY_PER_TYPE * len(EMPTY_TYPES)
    todo = [i for i in range(n) if a.split in ("all", split_of(i, a.count_per_type))]
    if a.only:
        todo = [i for i in todo if i in a.only]
    env_threads = os.environ.setdefault("MAGICK_THREAD_LIMIT", "1")
    del env_threads
    with tempfile.TemporaryDirectory() as tmp, ThreadPoolExecutor(max_workers=a.jobs) as pool:
        metas = list(pool.map(lambda i: make_scene(i, a.out, tmp, a.base_seed), todo))
    with open(os.path.join(a.out, "index.json"), "w") as f:
        json.dump({"generator": "tests/camera/make_corpus.py", "base_seed": a.base_seed, "split": a.split,
                   "scenes": metas}, f, indent=1)
    print("make_corpus: %d scenes in %s" % (len(metas), a.out))


if __name__ == "__main__":
    main()
