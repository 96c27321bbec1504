// The loader: JSON syntax, limits, and the structure of every part of a bank.
#include "wegwijzer/bank/bank_loader.hpp"

#include <catch2/catch.hpp>
#include <string>

#include "bank_test_base.hpp"
#include "test_support.hpp"
#include "wegwijzer/support/error.hpp"
#include "wegwijzer/support/sha256.hpp"

using nlohmann::json;
using wegwijzer::BankLimits;
using wegwijzer::LoadResult;
using wegwijzer::Severity;
using wegwijzer::test::base_bank;
using wegwijzer::test::load_edited;
using wegwijzer::test::load_json;

namespace {
LoadResult load_text(const std::string& text, const BankLimits& limits = {}) {
  return wegwijzer::load_bank(text, "bank.json", limits);
}
wegwijzer::Diagnostic only_error(const LoadResult& result) {
  INFO(wegwijzer::test::all_diagnostics(result));
  REQUIRE(result.diagnostics.size() == 1);
  REQUIRE(result.diagnostics[0].severity == Severity::error);
  return result.diagnostics[0];
}
}  // namespace

TEST_CASE("the base test bank and the shipped banks load without findings", "[loader]") {
  LoadResult base = load_json(base_bank());
  INFO(wegwijzer::test::all_diagnostics(base));
  REQUIRE(base.bank.has_value());
  CHECK(base.diagnostics.empty());
  CHECK(base.bank->questions.size() == 5);
  CHECK(base.bank->source_name == "test.json");

  LoadResult shipped = load_text(wegwijzer::test::read_file(wegwijzer::test::source_path("data/banks/default.json")));
  INFO(wegwijzer::test::all_diagnostics(shipped));
  CHECK(shipped.bank.has_value());
  CHECK_NOTHROW(wegwijzer::load_builtin_bank());
  CHECK(wegwijzer::load_builtin_bank().source_name == "<built-in>");
}

TEST_CASE("the loader records the SHA-256 of the source bytes", "[loader]") {
  std::string text = base_bank().dump(2);
  LoadResult result = load_text(text);
  REQUIRE(result.bank);
  CHECK(result.bank->sha256 == wegwijzer::sha256_hex(text));
  CHECK(result.bank->sha256.size() == 64);
  LoadResult other = load_text(base_bank().dump());
  REQUIRE(other.bank);
  CHECK(other.bank->sha256 != result.bank->sha256);
}

TEST_CASE("the loader builds the typed bank", "[loader]") {
  LoadResult result = load_json(base_bank());
  REQUIRE(result.bank);
  const wegwijzer::Bank& bank = *result.bank;
  CHECK(bank.outcomes[1].id == "coaching");
  CHECK(bank.close_margin == 1.0);
  const wegwijzer::Question& need = bank.questions[0];
  REQUIRE(need.options.size() == 2);
  CHECK(need.options[0].weights == std::vector<double>{0, 2, 0, 0});
  CHECK(bank.questions[3].type == wegwijzer::QuestionType::yes_no);
  REQUIRE(bank.questions[3].show_if);
  CHECK(bank.questions[3].show_if->kind == wegwijzer::Condition::Kind::equals);
  CHECK(bank.questions[3].show_if->options == std::vector<std::size_t>{1});
  CHECK(bank.questions[3].options[2].unknown);
  CHECK_FALSE(bank.questions[2].required);
  CHECK(bank.questions[4].options.empty());
  CHECK(bank.rules[0].effects.red_flag->tier == wegwijzer::Tier::crisis);
  CHECK(bank.rules[0].effects.min_urgency == wegwijzer::Urgency::crisis);
  CHECK(bank.rules[1].effects.require == std::vector<std::size_t>{3});
  CHECK(bank.scales[0].items == std::vector<std::size_t>{1});
}

TEST_CASE("scale ranges are computed from the options' points", "[loader]") {
  LoadResult result = load_edited([](json& bank) {
    // A multiple-choice item contributes from the sum of its negative points to the sum of its positive points.
    bank["questions"][2]["options"][0]["points"] = -2;
    bank["questions"][2]["options"][1]["points"] = 5;
    bank["scales"][0]["items"].push_back("topics");
    bank["scales"][0]["bands"] = json::parse(R"([
      {"id": "lo", "label": {"en": "l", "nl": "l"}, "min": -2, "max": 3},
      {"id": "hi", "label": {"en": "h", "nl": "h"}, "min": 4, "max": 7}])");
  });
  INFO(wegwijzer::test::all_diagnostics(result));
  REQUIRE(result.bank);
  CHECK(result.bank->scales[0].min_value == -2);
  CHECK(result.bank->scales[0].max_value == 7);
}

TEST_CASE("a truncated file reports line and column without echoing input", "[loader]") {
  std::string text = base_bank().dump(2);
  text.resize(text.size() / 2);
  const auto error = only_error(load_text(text));
  int lines = 1 + static_cast<int>(std::count(text.begin(), text.end(), '\n'));
  CHECK(error.line == lines);
  CHECK(error.column == static_cast<int>(text.size() - text.rfind('\n')));
  CHECK(error.pointer.empty());
  CHECK_THAT(error.format(), Catch::StartsWith("bank.json:" + std::to_string(lines) + ":"));
  CHECK_THAT(error.message, Catch::Contains("truncated"));
}

TEST_CASE("syntax errors name the place and never quote the input", "[loader]") {
  SECTION("a secret-looking invalid literal") {
    const auto error = only_error(load_text("{\n  \"id\": secretword\n}"));
    CHECK(error.line == 2);
    CHECK(error.column == 9);
    CHECK_THAT(error.message, !Catch::Contains("secret"));
    CHECK_THAT(error.message, Catch::Contains("invalid literal"));
  }
  SECTION("a control character in a string") {
    const auto error = only_error(load_text("{\"id\": \"priv\x01ate\"}"));
    CHECK(error.line == 1);
    CHECK(error.column == 13);
    CHECK_THAT(error.message, !Catch::Contains("priv"));
    CHECK_THAT(error.message, Catch::Contains("invalid text string"));
  }
  SECTION("invalid UTF-8") {
    const auto error = only_error(load_text("{\"id\": \"caf\xff\"}"));
    CHECK_THAT(error.message, Catch::Contains("UTF-8"));
  }
  SECTION("a trailing comma") {
    const auto error = only_error(load_text("{\"id\": 1,\n}"));
    CHECK(error.line == 2);
    CHECK(error.column == 1);
    CHECK_THAT(error.message, Catch::Contains("unexpected '}'"));
  }
  SECTION("columns count characters, not bytes") {
    const auto error = only_error(load_text("[\"\xc3\xa9\xc3\xa9\", x]"));
    CHECK(error.column == 8);  // 10 in bytes
  }
}

TEST_CASE("deep nesting is rejected while parsing, without a crash", "[loader]") {
  std::string deep = std::string(200000, '[') + std::string(200000, ']');
  const auto error = only_error(load_text(deep));
  CHECK_THAT(error.message, Catch::Contains("nested more than 64 levels"));
  BankLimits limits;
  limits.max_depth = 3;
  CHECK_FALSE(load_text("[[[1]]]", limits).diagnostics.empty());
  CHECK_THAT(only_error(load_text("[[[[1]]]]", limits)).message, Catch::Contains("more than 3"));
  CHECK(load_text("[[[1]]]", limits).diagnostics.front().message.find("nested") == std::string::npos);
}

TEST_CASE("files over the size limit are rejected before parsing", "[loader]") {
  BankLimits limits;
  limits.max_bytes = 100;
  const auto error = only_error(load_text(std::string(100, ' ') + "{", limits));
  CHECK_THAT(error.message, Catch::Contains("larger than the limit for a bank of 100 bytes"));
  // Only the limit + 1 bytes are read from a file: the message never passes that off as its size.
  CHECK_THAT(error.message, !Catch::Contains("101"));
}

TEST_CASE("a key repeated in an object is an error at its pointer", "[loader]") {
  const auto error = only_error(load_text(R"({"questions": [{"id": "a"}, {"id": "b", "text": 1, "id": "c"}]})"));
  CHECK(error.pointer == "/questions/1/id");
  CHECK_THAT(error.message, Catch::Contains("the key 'id' appears twice"));
}

TEST_CASE("structure errors give the pointer and what was found and expected", "[loader]") {
  SECTION("not an object at the top") {
    CHECK_BANK_ERROR(load_text("[1]"), "", "found a list of 1 item, expected a bank");
  }
  SECTION("unknown key (a typo)") {
    CHECK_BANK_ERROR(load_edited([](json& b) { b["questions"][0]["requierd"] = true; }), "/questions/0/requierd",
                     "unknown key 'requierd'");
  }
  SECTION("missing key") {
    CHECK_BANK_ERROR(load_edited([](json& b) { b["questions"][0].erase("text"); }), "/questions/0",
                     "missing the key 'text'");
  }
  SECTION("wrong type: list expected") {
    CHECK_BANK_ERROR(load_edited([](json& b) { b["questions"] = "none"; }), "/questions",
                     "found the text \"none\", expected the list of questions");
  }
  SECTION("wrong type: text expected") {
    CHECK_BANK_ERROR(load_edited([](json& b) { b["version"] = 2; }), "/version", "found the number 2, expected");
  }
  SECTION("empty version") {
    CHECK_BANK_ERROR(load_edited([](json& b) { b["version"] = ""; }), "/version", "the version is empty");
  }
  SECTION("wrong type: boolean expected") {
    CHECK_BANK_ERROR(load_edited([](json& b) { b["questions"][0]["required"] = "yes"; }), "/questions/0/required",
                     "expected true or false");
  }
  SECTION("wrong type: whole number expected") {
    CHECK_BANK_ERROR(load_edited([](json& b) { b["questions"][1]["options"][1]["points"] = 1.5; }),
                     "/questions/1/options/1/points", "found the number 1.5, expected points (a whole number)");
  }
  SECTION("points out of range") {
    CHECK_BANK_ERROR(load_edited([](json& b) { b["questions"][1]["options"][1]["points"] = 5000; }),
                     "/questions/1/options/1/points", "from -1000 to 1000");
  }
  SECTION("wrong type: number expected") {
    CHECK_BANK_ERROR(load_edited([](json& b) { b["questions"][0]["options"][0]["weights"]["coaching"] = "2"; }),
                     "/questions/0/options/0/weights/coaching", "expected a weight (a number)");
  }
  SECTION("number out of range") {
    CHECK_BANK_ERROR(load_edited([](json& b) { b["close_margin"] = 1e9; }), "/close_margin", "between -1000000");
  }
  SECTION("invalid id") {
    CHECK_BANK_ERROR(load_edited([](json& b) { b["questions"][0]["id"] = "has space"; }), "/questions/0/id",
                     "expected an id");
  }
  SECTION("format version") {
    CHECK_BANK_ERROR(load_edited([](json& b) { b["format"] = 2; }), "/format", "expected 1");
    // 1.0 is a decimal number, not the whole number 1: never "found the number 1, expected 1".
    CHECK_BANK_ERROR(load_edited([](json& b) { b["format"] = 1.0; }), "/format",
                     "found the decimal number 1.0, expected 1");
  }
  SECTION("close_margin below zero") {
    CHECK_BANK_ERROR(load_edited([](json& b) { b["close_margin"] = -1; }), "/close_margin", "0 or more");
  }
  SECTION("languages") {
    CHECK_BANK_ERROR(load_edited([](json& b) { b["languages"] = json::array(); }), "/languages", "at least 1 item");
    CHECK_BANK_ERROR(load_edited([](json& b) { b["languages"][1] = "en"; }), "/languages/1", "listed twice");
    CHECK_BANK_ERROR(load_edited([](json& b) { b["languages"][1] = "nl_NL"; }), "/languages/1", "BCP 47 language tag");
    CHECK_BANK_ERROR(load_edited([](json& b) { b["languages"][1] = "nederlands"; }), "/languages/1", "BCP 47");
  }
}

TEST_CASE("every text needs every declared language", "[loader]") {
  SECTION("missing translation") {
    CHECK_BANK_ERROR(load_edited([](json& b) { b["questions"][1]["options"][2]["label"].erase("nl"); }),
                     "/questions/1/options/2/label", "missing translation: there is no 'nl' text");
  }
  SECTION("a language the bank does not declare") {
    CHECK_BANK_ERROR(load_edited([](json& b) { b["title"]["de"] = "T"; }), "/title/de",
                     "the language 'de' is not one of the bank's languages");
  }
  SECTION("an empty text") {
    CHECK_BANK_ERROR(load_edited([](json& b) { b["disclaimer"]["en"] = "  "; }), "/disclaimer/en",
                     "the 'en' text is empty");
  }
  SECTION("a text that is not a string") {
    CHECK_BANK_ERROR(load_edited([](json& b) { b["disclaimer"]["en"] = 3; }), "/disclaimer/en",
                     "expected the 'en' text");
  }
  SECTION("a plain string instead of a text per language") {
    CHECK_BANK_ERROR(load_edited([](json& b) { b["introduction"] = "Hi"; }), "/introduction",
                     "expected a text per language, like {\"en\": \"...\", \"nl\": \"...\"}");
  }
}

TEST_CASE("a question's topic is an optional text per language", "[loader]") {
  LoadResult plain = load_json(base_bank());
  REQUIRE(plain.bank);
  CHECK(plain.bank->questions[0].topic.empty());
  LoadResult with_topic = load_edited([](json& b) {
    b["questions"][0]["topic"] = {{"en", "what you need"}, {"nl", "wat je nodig hebt"}};
  });
  INFO(wegwijzer::test::all_diagnostics(with_topic));
  REQUIRE(with_topic.bank);
  CHECK(with_topic.diagnostics.empty());
  CHECK(with_topic.bank->questions[0].topic.in("en") == "what you need");
  CHECK(with_topic.bank->questions[0].topic.in("nl") == "wat je nodig hebt");
  CHECK_BANK_ERROR(load_edited([](json& b) {
                     b["questions"][0]["topic"] = {{"en", "what you need"}};
                   }),
                   "/questions/0/topic", "missing translation: there is no 'nl' text");
}

TEST_CASE("outcomes are the bank's own, each id once, and weights name only them", "[loader]") {
  LoadResult renamed = load_edited([](json& b) { b["outcomes"][0]["id"] = "mentoring"; });
  CHECK_FALSE(renamed.bank);  // the weights still name werkbegeleiding
  CHECK(::wegwijzer::test::has_diagnostic(renamed, ::wegwijzer::Severity::error,
                                          "/questions/2/options/1/weights/werkbegeleiding",
                                          "unknown outcome 'werkbegeleiding' in weights"));
  CHECK_BANK_ERROR(load_edited([](json& b) { b["outcomes"][0]["id"] = "coaching"; }), "/outcomes/1/id",
                   "duplicate outcome id 'coaching'; it is also used at /outcomes/0/id");
  CHECK_BANK_ERROR(load_edited([](json& b) { b["outcomes"].erase(3); }), "/rules/1/effects/require/0",
                   "unknown outcome 'therapie'");
  LoadResult reordered = load_edited([](json& b) { std::swap(b["outcomes"][0], b["outcomes"][3]); });
  REQUIRE(reordered.bank);
  CHECK(reordered.bank->outcomes[0].id == "therapie");
  CHECK(reordered.bank->questions[0].options[1].weights == std::vector<double>{2, 0, 0, 0});
}

TEST_CASE("weights and outcome lists name known outcomes", "[loader]") {
  CHECK_BANK_ERROR(load_edited([](json& b) { b["questions"][0]["options"][0]["weights"]["mentor"] = 1; }),
                   "/questions/0/options/0/weights/mentor", "unknown outcome 'mentor' in weights");
  CHECK_BANK_ERROR(load_edited([](json& b) { b["questions"][0]["options"][0]["weights"] = json::array({1}); }),
                   "/questions/0/options/0/weights", "expected weights per outcome");
  CHECK_BANK_ERROR(load_edited([](json& b) { b["rules"][1]["effects"]["require"] = {"therapy"}; }),
                   "/rules/1/effects/require/0", "unknown outcome 'therapy'");
  CHECK_BANK_ERROR(load_edited([](json& b) {
                     b["rules"][1]["effects"]["require"] = {"coaching", "coaching"};
                   }),
                   "/rules/1/effects/require/1", "listed twice");
  CHECK_BANK_ERROR(load_edited([](json& b) { b["rules"][1]["effects"]["require"] = json::array(); }),
                   "/rules/1/effects/require", "at least 1 item");
}

TEST_CASE("questions: ids, types and options", "[loader]") {
  SECTION("duplicate question id") {
    CHECK_BANK_ERROR(load_edited([](json& b) { b["questions"][2]["id"] = "need"; }), "/questions/2/id",
                     "duplicate question id 'need'; it is also used at /questions/0/id");
  }
  SECTION("duplicate option id") {
    CHECK_BANK_ERROR(load_edited([](json& b) { b["questions"][1]["options"][2]["id"] = "p0"; }),
                     "/questions/1/options/2/id", "duplicate option id 'p0'");
  }
  SECTION("unknown type") {
    CHECK_BANK_ERROR(load_edited([](json& b) { b["questions"][0]["type"] = "choice"; }), "/questions/0/type",
                     "expected a question type");
  }
  SECTION("a text question has no options") {
    CHECK_BANK_ERROR(load_edited([](json& b) { b["questions"][4]["options"] = b["questions"][0]["options"]; }),
                     "/questions/4/options", "a free-text question has no options");
  }
  SECTION("a choice question needs options") {
    CHECK_BANK_ERROR(load_edited([](json& b) { b["questions"][0].erase("options"); }), "/questions/0",
                     "a single question needs \"options\"");
  }
  SECTION("at least two options") {
    CHECK_BANK_ERROR(load_edited([](json& b) { b["questions"][0]["options"].erase(1); }), "/questions/0/options",
                     "at least 2 items");
  }
  SECTION("scale options need points") {
    CHECK_BANK_ERROR(load_edited([](json& b) { b["questions"][1]["options"][0].erase("points"); }),
                     "/questions/1/options/0", "every option of a scale question needs \"points\"");
  }
  SECTION("one unknown option at most") {
    CHECK_BANK_ERROR(load_edited([](json& b) {
                       b["questions"][3]["options"].push_back(b["questions"][3]["options"][2]);
                       b["questions"][3]["options"][3]["id"] = "skip2";
                     }),
                     "/questions/3/options/3/unknown", "only one option of a question can be marked");
  }
  SECTION("yes_no needs yes and no") {
    CHECK_BANK_ERROR(load_edited([](json& b) { b["questions"][3]["options"][1]["id"] = "nope"; }),
                     "/questions/3/options", "needs an option with the id \"no\"");
  }
  SECTION("yes_no has no other plain options") {
    CHECK_BANK_ERROR(load_edited([](json& b) { b["questions"][3]["options"][2].erase("unknown"); }),
                     "/questions/3/options/2", "found the option 'skip'");
  }
  SECTION("yes and no cannot be unknown") {
    CHECK_BANK_ERROR(load_edited([](json& b) {
                       b["questions"][3]["options"][0]["unknown"] = true;
                       b["questions"][3]["options"][2].erase("unknown");
                       b["questions"][3]["options"].erase(2);
                     }),
                     "/questions/3/options/0/unknown", "the \"yes\" option of a yes_no question cannot be marked");
  }
}

TEST_CASE("limits on questions, options, scales and rules", "[loader]") {
  BankLimits limits;
  limits.max_questions = 4;
  CHECK_BANK_ERROR(load_json(base_bank(), limits), "/questions", "the bank has 5 questions; the limit is 4");
  limits = {};
  limits.max_options = 2;
  CHECK_BANK_ERROR(load_json(base_bank(), limits), "/questions/1/options", "has 3 options; the limit is 2");
  limits = {};
  limits.max_rules = 1;
  CHECK_BANK_ERROR(load_json(base_bank(), limits), "/rules", "the bank has 2 rules; the limit is 1");
  limits = {};
  limits.max_scales = 0;
  CHECK_BANK_ERROR(load_json(base_bank(), limits), "/scales", "the bank has 1 scales; the limit is 0");
}

TEST_CASE("scales: items and bands", "[loader]") {
  SECTION("duplicate scale id") {
    CHECK_BANK_ERROR(load_edited([](json& b) { b["scales"].push_back(b["scales"][0]); }), "/scales/1/id",
                     "duplicate scale id 'low'");
  }
  SECTION("unknown item") {
    CHECK_BANK_ERROR(load_edited([](json& b) { b["scales"][0]["items"] = {"moood"}; }), "/scales/0/items/0",
                     "unknown question 'moood'");
  }
  SECTION("item listed twice") {
    CHECK_BANK_ERROR(load_edited([](json& b) {
                       b["scales"][0]["items"] = {"mood", "mood"};
                     }),
                     "/scales/0/items/1", "listed twice");
  }
  SECTION("item without points") {
    CHECK_BANK_ERROR(load_edited([](json& b) { b["scales"][0]["items"] = {"need"}; }), "/scales/0/items/0",
                     "question 'need' cannot be a scale item");
    CHECK_BANK_ERROR(load_edited([](json& b) { b["scales"][0]["items"] = {"remarks"}; }), "/scales/0/items/0",
                     "question 'remarks' cannot be a scale item");
  }
  SECTION("duplicate band id") {
    CHECK_BANK_ERROR(load_edited([](json& b) { b["scales"][0]["bands"][1]["id"] = "none"; }), "/scales/0/bands/1/id",
                     "duplicate band id 'none'");
  }
  SECTION("band min above max") {
    CHECK_BANK_ERROR(load_edited([](json& b) { b["scales"][0]["bands"][1]["min"] = 3; }), "/scales/0/bands/1",
                     "\"min\" must not be above \"max\"");
  }
  SECTION("gap between bands") {
    CHECK_BANK_ERROR(load_edited([](json& b) { b["scales"][0]["bands"][1]["min"] = 2; }), "/scales/0/bands/1/min",
                     "starts at 2, expected 1: right after the band 'none', which ends at 0 (there is a gap)");
  }
  SECTION("overlapping bands") {
    CHECK_BANK_ERROR(load_edited([](json& b) { b["scales"][0]["bands"][0]["max"] = 1; }), "/scales/0/bands/1/min",
                     "(the bands overlap)");
  }
  SECTION("first band does not start at the lowest value") {
    CHECK_BANK_ERROR(load_edited([](json& b) { b["scales"][0]["bands"][0]["min"] = -1; }), "/scales/0/bands/0/min",
                     "expected 0: the lowest reachable value of scale 'low'");
  }
  SECTION("last band does not end at the highest value") {
    CHECK_BANK_ERROR(load_edited([](json& b) { b["scales"][0]["bands"][1]["max"] = 3; }), "/scales/0/bands/1/max",
                     "ends at 3, expected 2: the highest reachable value");
  }
}

TEST_CASE("rules and their effects", "[loader]") {
  SECTION("duplicate rule id") {
    CHECK_BANK_ERROR(load_edited([](json& b) { b["rules"][1]["id"] = "flag"; }), "/rules/1/id",
                     "duplicate rule id 'flag'");
  }
  SECTION("no effects") {
    CHECK_BANK_ERROR(load_edited([](json& b) { b["rules"][1]["effects"] = json::object(); }), "/rules/1/effects",
                     "a rule needs at least one effect");
  }
  SECTION("unknown effect") {
    CHECK_BANK_ERROR(load_edited([](json& b) { b["rules"][1]["effects"]["urgent"] = true; }), "/rules/1/effects/urgent",
                     "unknown key 'urgent'");
  }
  SECTION("tier") {
    CHECK_BANK_ERROR(load_edited([](json& b) { b["rules"][0]["effects"]["red_flag"]["tier"] = "severe"; }),
                     "/rules/0/effects/red_flag/tier", "expected the tier \"crisis\" or \"clinical\"");
  }
  SECTION("urgency") {
    CHECK_BANK_ERROR(load_edited([](json& b) { b["rules"][0]["effects"]["urgency"] = "urgent"; }),
                     "/rules/0/effects/urgency", "expected the urgency");
  }
  SECTION("require and exclude the same outcome") {
    CHECK_BANK_ERROR(load_edited([](json& b) {
                       b["rules"][1]["effects"]["exclude"] = {"coaching", "therapie"};
                     }),
                     "/rules/1/effects/exclude/1", "both requires and excludes the outcome 'therapie'");
  }
  SECTION("all effects parse") {
    LoadResult result = load_edited([](json& b) {
      b["rules"][1]["effects"] = json::parse(R"({"urgency": "prompt", "exclude": ["coaching"],
        "weights": {"therapie": 1.5}, "note": {"en": "n", "nl": "n"},
        "red_flag": {"tier": "clinical", "message": {"en": "m", "nl": "m"}, "first_step": {"en": "s", "nl": "s"},
                     "resources": ["line"]}})");
      b["resources"] = json::parse(R"([{"id": "line", "name": {"en": "L", "nl": "L"}, "when": {"en": "w", "nl": "w"},
        "phone": ["0800-0113"], "free": true}])");
    });
    REQUIRE(result.bank);
    const auto& effects = result.bank->rules[1].effects;
    CHECK(effects.min_urgency == wegwijzer::Urgency::prompt);
    CHECK(effects.exclude == std::vector<std::size_t>{1});
    CHECK(effects.weights == std::vector<double>{0, 0, 0, 1.5});
    CHECK(effects.note.in("nl") == "n");
    CHECK(effects.red_flag->first_step.in("en") == "s");
    CHECK(effects.red_flag->resources == std::vector<std::size_t>{0});
    CHECK(result.bank->resources[0].phone == std::vector<std::string>{"0800-0113"});
    CHECK(effects.red_flag->tier == wegwijzer::Tier::clinical);
  }
}

TEST_CASE("the complete example in docs/bank-format.md loads without findings", "[loader]") {
  std::string doc = wegwijzer::test::read_file(wegwijzer::test::source_path("docs/bank-format.md"));
  const std::string heading = "## A complete example";
  auto section = doc.find(heading);
  REQUIRE(section != std::string::npos);
  auto start = doc.find("```json\n", section);
  REQUIRE(start != std::string::npos);
  start += 8;
  auto end = doc.find("```", start);
  REQUIRE(end != std::string::npos);
  LoadResult result = load_text(doc.substr(start, end - start));
  INFO(wegwijzer::test::all_diagnostics(result));
  REQUIRE(result.bank.has_value());
  CHECK(result.diagnostics.empty());
  CHECK(result.bank->questions.size() == 5);
}

TEST_CASE("resources: an unknown or repeated resource id is an error at its pointer", "[loader]") {
  CHECK_BANK_ERROR(load_edited([](json& b) { b["rules"][0]["effects"]["red_flag"]["resources"] = {"nope"}; }),
                   "/rules/0/effects/red_flag/resources/0", "unknown resource 'nope'");
  CHECK_BANK_ERROR(load_edited([](json& b) {
                     b["crisis_lines"] = {"line", "line"};
                   }),
                   "/crisis_lines/1", "the resource 'line' is listed twice");
  CHECK_BANK_ERROR(load_edited([](json& b) { b["resources"][0]["phone"] = {"call 113 \x1b[2J"}; }),
                   "/resources/0/phone/0", "expected a phone number");
  CHECK_BANK_ERROR(load_edited([](json& b) { b["resources"][0].erase("when"); }), "/resources/0", "when");
}

TEST_CASE("resources: a red flag without a first step or resources is a warning, not an error", "[loader]") {
  LoadResult result = load_edited([](json& b) {
    b["rules"][0]["effects"]["red_flag"].erase("first_step");
    b["rules"][0]["effects"]["red_flag"].erase("resources");
    b.erase("crisis_lines");
  });
  REQUIRE(result.bank);
  std::string all = wegwijzer::test::all_diagnostics(result);
  CHECK(all.find("no \"first_step\"") != std::string::npos);
  CHECK(all.find("names no \"resources\"") != std::string::npos);
  CHECK(all.find("no \"crisis_lines\"") != std::string::npos);
  for (const auto& diagnostic : result.diagnostics) CHECK(diagnostic.severity == Severity::warning);
}

TEST_CASE("a rule without a red flag that raises the urgency may name a first step and resources", "[loader]") {
  LoadResult ok = load_edited([](json& b) {
    b["rules"][1]["effects"] = json::parse(R"({"urgency": "prompt", "first_step": {"en": "s", "nl": "s"},
      "resources": ["line"], "note": {"en": "n", "nl": "n"}})");
  });
  INFO(wegwijzer::test::all_diagnostics(ok));
  REQUIRE(ok.bank);
  CHECK(ok.bank->rules[1].effects.first_step.in("nl") == "s");
  CHECK(ok.bank->rules[1].effects.resources == std::vector<std::size_t>{0});
  CHECK_BANK_ERROR(
      load_edited([](json& b) { b["rules"][1]["effects"]["first_step"] = json::parse(R"({"en": "s", "nl": "s"})"); }),
      "/rules/1/effects/first_step", "belongs to a rule that raises the urgency");
  CHECK_BANK_ERROR(load_edited([](json& b) { b["rules"][0]["effects"]["resources"] = {"line"}; }),
                   "/rules/0/effects/resources", "inside \"red_flag\"");
}

TEST_CASE("outcome text variants: a condition and at least one text, checked like a rule's condition", "[loader]") {
  LoadResult with_variant = load_edited([](json& b) {
    b["outcomes"][1]["variants"] = json::parse(R"([{"when": {"answer": "topics", "contains": "home"},
      "where_to_find": {"en": "elsewhere", "nl": "ergens anders"}}])");
  });
  INFO(wegwijzer::test::all_diagnostics(with_variant));
  REQUIRE(with_variant.bank);
  const auto& variants = with_variant.bank->outcomes[1].variants;
  REQUIRE(variants.size() == 1);
  CHECK(variants[0].where_to_find.in("nl") == "ergens anders");
  CHECK(variants[0].what_it_is.empty());
  CHECK_BANK_ERROR(
      load_edited([](json& b) { b["outcomes"][1]["variants"] = json::parse(R"([{"when": {"answered": "topics"}}])"); }),
      "/outcomes/1/variants/0", "a variant replaces no text");
  CHECK_BANK_ERROR(load_edited([](json& b) {
                     b["outcomes"][1]["variants"] =
                         json::parse(R"([{"when": {"answered": "nosuch"}, "what_it_is": {"en": "x", "nl": "x"}}])");
                   }),
                   "/outcomes/1/variants/0/when/answered", "unknown question 'nosuch'");
}

TEST_CASE("a bank with more languages than the limit is refused at once", "[loader]") {
  // Every text is checked against every language: thousands of languages made loading quadratic.
  LoadResult many = load_edited([](json& b) {
    for (int i = 0; i < 40; ++i)
      b["languages"].push_back("x" + std::string(1, static_cast<char>('a' + i % 26)) + "-" +
                               std::string(1, static_cast<char>('a' + i / 26)));
  });
  CHECK_BANK_ERROR(many, "/languages", "the bank lists 42 languages; the limit is 32");
  CHECK(many.diagnostics.size() == 1);  // not one "missing translation" per text and language
}
