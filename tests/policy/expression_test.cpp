// The rule language on its own: precedence, three-valued logic, aggregates over counted
// members, and what explain() reports.
#include <gtest/gtest.h>

#include <vector>

#include "core/policy/expression.h"
#include "core/policy/text_template.h"

namespace {

using namespace jiuzhu::policy;

int slot(const Environment& env, const char* name) { return env.find(name)->slot; }

struct Fixture {
  Environment env;
  ExprPool pool;
  std::vector<Value> hh;
  std::vector<Value> members;
  std::vector<double> params;
  int counted = -1;
  int n = 0;

  Fixture() {
    env.declare_param("limit");
    counted = env.declare_person("counted", ValueType::boolean);
    hh.assign(static_cast<size_t>(env.household_slots()), Value::unknown());
    params = {100};
  }
  void add_member(Value income, Value is_counted) {
    std::vector<Value> m(static_cast<size_t>(env.person_slots()), Value::unknown());
    m[static_cast<size_t>(slot(env, "monthly_income"))] = income;
    m[static_cast<size_t>(counted)] = is_counted;
    members.insert(members.end(), m.begin(), m.end());
    ++n;
  }
  EvalContext ctx() const {
    EvalContext c;
    c.household = hh.data();
    c.members = members.data();
    c.member_count = n;
    c.person_stride = env.person_slots();
    c.counted_slot = counted;
    c.params = params.data();
    return c;
  }
  Value eval(const char* text) {
    auto e = pool.compile(text, Scope::household, env);
    EXPECT_TRUE(e.ok()) << text << ": " << (e.ok() ? "" : e.error().message);
    if (!e.ok()) return Value::unknown();
    return evaluate(pool.nodes(), e->root, ctx());
  }
};

void expect_value(Value v, double x) {
  EXPECT_TRUE(v.known);
  EXPECT_DOUBLE_EQ(v.v, x);
}

TEST(RuleLanguage, PrecedenceAndArithmetic) {
  Fixture f;
  expect_value(f.eval("1 + 2 * 3"), 7);
  expect_value(f.eval("(1 + 2) * 3"), 9);
  expect_value(f.eval("10 - 4 - 3"), 3);
  expect_value(f.eval("-2 * 3 + params.limit / 4"), 19);
  expect_value(f.eval("1 < 2 and 2 <= 2 and not 3 > 4 or false"), 1);
  expect_value(f.eval("if(1 == 1, 5, 6) + min(1, 2) + max(1, 2)"), 8);
  EXPECT_FALSE(f.eval("1 / 0").known);
}

TEST(RuleLanguage, ThreeValuedLogic) {
  Fixture f;
  f.hh[static_cast<size_t>(slot(f.env, "deposits"))] = Value::unknown();
  f.hh[static_cast<size_t>(slot(f.env, "vehicles"))] = Value::of(1);
  expect_value(f.eval("deposits > 0 and vehicles == 0"), 0);  // false wins over unknown
  expect_value(f.eval("deposits > 0 or vehicles == 1"), 1);   // true wins over unknown
  EXPECT_FALSE(f.eval("deposits > 0 and vehicles == 1").known);
  EXPECT_FALSE(f.eval("not (deposits > 0)").known);
  EXPECT_FALSE(f.eval("deposits + 1 > 0").known);
  EXPECT_FALSE(f.eval("if(deposits > 0, 1, 1) == 1").known);
}

TEST(RuleLanguage, AggregatesSkipMembersNotCounted) {
  Fixture f;
  f.add_member(Value::of(100), Value::of(1));
  f.add_member(Value::of(5000), Value::of(0));  // in prison: not counted, income ignored
  expect_value(f.eval("sum(monthly_income)"), 100);
  expect_value(f.eval("count(true)"), 1);
  expect_value(f.eval("any(monthly_income > 1000)"), 0);
  expect_value(f.eval("all(monthly_income < 1000)"), 1);
}

TEST(RuleLanguage, AggregatesWithUnknowns) {
  Fixture f;
  f.add_member(Value::of(100), Value::of(1));
  f.add_member(Value::of(0), Value::unknown());  // do they live together? unknown
  EXPECT_FALSE(f.eval("count(true)").known);
  EXPECT_FALSE(f.eval("sum(monthly_income)").known);
  expect_value(f.eval("any(monthly_income >= 100)"), 1);  // the counted one decides
  expect_value(f.eval("any(monthly_income > 1000)"), 0);  // nobody could make it true
  EXPECT_FALSE(f.eval("any(monthly_income == 0)").known);
  f.add_member(Value::unknown(), Value::of(1));
  EXPECT_FALSE(f.eval("all(monthly_income < 1000)").known);
  expect_value(f.eval("all(monthly_income < 50)"), 0);
}

struct Recorder : ExplainSink {
  std::vector<std::string> seen;
  void household_slot(int s) override { seen.push_back(std::string("h").append(std::to_string(s))); }
  void person_slot(int m, int s) override {
    seen.push_back(std::string("p").append(std::to_string(m)).append(".").append(std::to_string(s)));
  }
  void program(int i) override { seen.push_back(std::string("program").append(std::to_string(i))); }
  void no_counted_members() override { seen.push_back("no_members"); }
};

TEST(RuleLanguage, ExplainNamesOnlyTheFactsThatDecide) {
  Fixture f;
  f.hh[static_cast<size_t>(slot(f.env, "vehicles"))] = Value::of(0);
  f.add_member(Value::unknown(), Value::of(1));
  f.add_member(Value::of(10), Value::unknown());
  auto e = f.pool.compile("sum(monthly_income) < params.limit and vehicles == 0 and deposits >= 0", Scope::household, f.env);
  ASSERT_TRUE(e.ok());
  Recorder r;
  explain(f.pool.nodes(), e->root, f.ctx(), r);
  Recorder want;  // the same calls, made by hand
  want.person_slot(0, slot(f.env, "monthly_income"));
  want.person_slot(1, f.counted);
  want.household_slot(slot(f.env, "deposits"));
  const std::vector<std::string>& expected = want.seen;
  EXPECT_EQ(r.seen, expected);
}

TEST(RuleLanguage, CompileErrorsHaveStableCodes) {
  Fixture f;
  auto code = [&](const char* text) {
    auto e = f.pool.compile(text, Scope::household, f.env);
    return e.ok() ? std::string("ok") : e.error().code;
  };
  EXPECT_EQ(code("savings > 0"), "unknown_fact");
  EXPECT_EQ(code("params.nope > 0"), "unknown_parameter");
  EXPECT_EQ(code("hukou == 'town'"), "unknown_enum_value");
  EXPECT_EQ(code("hukou == 1"), "type_error");
  EXPECT_EQ(code("1 +"), "syntax_error");
  EXPECT_EQ(code("(1 > 0"), "syntax_error");
  EXPECT_EQ(code("1 > 0 )"), "syntax_error");
  EXPECT_EQ(code("'rural'"), "type_error");
  EXPECT_EQ(code("if(1, 2, 3)"), "type_error");
  EXPECT_EQ(code("eligible(dibao)"), "unknown_program");
  EXPECT_EQ(code("1 # 2"), "syntax_error");
  EXPECT_EQ(code("hukou == 'rural' && deposits <= 1e3"), "syntax_error");  // no exponents
  EXPECT_EQ(code("hukou == 'rural' && deposits <= 1000 || !has_emergency"), "ok");
}

TEST(TraceText, RendersNumbersBooleansAndEnumerations) {
  Fixture f;
  f.hh[static_cast<size_t>(slot(f.env, "deposits"))] = Value::of(1234.5);
  f.hh[static_cast<size_t>(slot(f.env, "hukou"))] = Value::of(1);
  f.hh[static_cast<size_t>(slot(f.env, "housing_hardship"))] = Value::of(1);
  std::vector<Expr> values;
  auto t = TextTemplate::compile("存款 {deposits} 元，{hukou}户口，住房困难：{housing_hardship}，车 {vehicles} 辆",
                                 Scope::household, f.env, f.pool, values);
  ASSERT_TRUE(t.ok());
  std::vector<Value> v;
  for (const Expr& e : values) v.push_back(evaluate(f.pool.nodes(), e.root, f.ctx()));
  EXPECT_EQ(t->render(v.data(), values), "存款 1234.5 元，农村户口，住房困难：是，车 不清楚 辆");
  EXPECT_EQ(format_number(560), "560");
  EXPECT_EQ(format_number(0.1 + 0.2), "0.3");
  EXPECT_EQ(format_number(-0.001), "0");
  EXPECT_FALSE(TextTemplate::compile("{unclosed", Scope::household, f.env, f.pool, values).ok());
}

// "{x| unit}": the unit follows a known value and is dropped with an unknown one, so a resident
// never reads "不清楚 辆"; a doubled bar stays the expression's "or".
TEST(TraceText, UnitAfterBarIsShownOnlyForKnownValues) {
  Fixture f;
  f.hh[static_cast<size_t>(slot(f.env, "deposits"))] = Value::of(800);
  f.hh[static_cast<size_t>(slot(f.env, "housing_hardship"))] = Value::of(0);
  std::vector<Expr> values;
  auto t = TextTemplate::compile("存款 {deposits| 元}，车 {vehicles| 辆}，{housing_hardship || deposits > 500|}",
                                 Scope::household, f.env, f.pool, values);
  ASSERT_TRUE(t.ok()) << t.error().message;
  ASSERT_EQ(values.size(), 3u);
  std::vector<Value> v;
  for (const Expr& e : values) v.push_back(evaluate(f.pool.nodes(), e.root, f.ctx()));
  EXPECT_EQ(t->render(v.data(), values), "存款 800 元，车 不清楚，是");
}

}  // namespace
