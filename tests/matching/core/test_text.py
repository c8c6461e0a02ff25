import pickle

from sklearn.feature_extraction.text import TfidfVectorizer

from matching.core.text import BIGRAM_PREFIX, NOISE_PHRASES, Analyzer, normalize


def test_normalize_folds_full_width_and_case():
    assert normalize("ＥＸＣＥＬ　表格１２３") == "excel 表格123"


def test_normalize_turns_punctuation_into_single_spaces():
    assert normalize("客服，打字！！（在线）【急】") == "客服 打字 在线 急"


def test_normalize_removes_recruitment_noise_but_keeps_information():
    text = normalize("急招淘宝客服，包吃包住，月入过万，五险一金")
    assert text == "淘宝客服 五险一金"
    assert "五险一金" not in NOISE_PHRASES


def test_normalize_keeps_programming_symbols_and_decimals():
    assert normalize("会C++和C#，时薪22.5元。") == "会c++和c# 时薪22.5元"


def test_normalize_empty():
    assert normalize("") == ""
    assert normalize(" ，。 ") == ""


def test_tokens_keep_domain_words_whole():
    plain = Analyzer().tokens("招聘数据标注员")
    domain = Analyzer(["数据标注"]).tokens("招聘数据标注员")
    assert "数据标注" not in plain
    assert "数据标注" in domain


def test_tokens_drop_stop_words_and_add_prefixed_bigrams():
    tokens = Analyzer().tokens("负责仓库的管理工作")
    assert "负责" not in tokens and "工作" not in tokens
    assert BIGRAM_PREFIX + "仓库" in tokens
    assert BIGRAM_PREFIX + "库的" in tokens
    # bigrams never collide with jieba words
    assert all(t.startswith(BIGRAM_PREFIX) or BIGRAM_PREFIX not in t for t in tokens)


def test_tokens_drop_noise_and_latin_case():
    tokens = Analyzer().tokens("急招 EXCEL 高手")
    assert "excel" in tokens
    assert not any("急招" in t for t in tokens)


def test_analyzer_pickles_as_its_domain_words_and_rebuilds_lazily():
    analyzer = Analyzer(["数据标注", "淘宝客服"])
    analyzer.tokens("淘宝客服")  # build the tokenizer
    state = analyzer.__getstate__()
    assert state == {"domain_words": ("数据标注", "淘宝客服")}
    clone = pickle.loads(pickle.dumps(analyzer))
    assert clone._tk is None
    assert clone.tokens("数据标注员") == analyzer.tokens("数据标注员")


def test_analyzer_works_as_a_scikit_learn_analyzer():
    vec = TfidfVectorizer(analyzer=Analyzer(["数据标注"]))
    matrix = vec.fit_transform(["数据标注员", "淘宝客服"])
    assert matrix.shape[0] == 2
    assert "数据标注" in vec.vocabulary_
