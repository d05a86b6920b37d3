import DaytonaErrors
import DaytonaJSON

/// The TeX commands ``MathText`` knows, by kind, with the characters they stand for.
enum MathSymbols {
    /// Letters and symbols that behave like letters.
    static let letters: [String: String] = [
        "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ϵ", "varepsilon": "ε", "zeta": "ζ",
        "eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν",
        "xi": "ξ", "omicron": "ο", "pi": "π", "varpi": "ϖ", "rho": "ρ", "varrho": "ϱ", "sigma": "σ",
        "varsigma": "ς", "tau": "τ", "upsilon": "υ", "phi": "ϕ", "varphi": "φ", "chi": "χ", "psi": "ψ",
        "omega": "ω", "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π",
        "Sigma": "Σ", "Upsilon": "Υ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω", "infty": "∞", "partial": "∂",
        "nabla": "∇", "sum": "∑", "prod": "∏", "coprod": "∐", "int": "∫", "iint": "∬", "oint": "∮",
        "degree": "°", "circ": "∘", "prime": "′", "hbar": "ℏ", "ell": "ℓ", "Re": "ℜ", "Im": "ℑ",
        "aleph": "ℵ", "wp": "℘", "angle": "∠", "emptyset": "∅", "varnothing": "∅", "forall": "∀",
        "exists": "∃", "neg": "¬", "lnot": "¬", "ldots": "…", "dots": "…", "cdots": "⋯", "vdots": "⋮",
        "ddots": "⋱", "langle": "⟨", "rangle": "⟩", "lbrace": "{", "rbrace": "}", "lbrack": "[", "rbrack": "]",
        "vert": "|", "Vert": "‖", "backslash": "\\", "lfloor": "⌊", "rfloor": "⌋", "lceil": "⌈", "rceil": "⌉",
        "AA": "Å", "dagger": "†", "ddagger": "‡", "S": "§", "P": "¶", "copyright": "©", "checkmark": "✓",
        "bullet": "•", "star": "⋆", "top": "⊤", "bot": "⊥", "imath": "ı", "jmath": "ȷ", "triangle": "△",
        "percent": "%", "euro": "€", "sharp": "♯", "flat": "♭", "natural": "♮", "clubsuit": "♣",
        "diamondsuit": "♢", "heartsuit": "♡", "spadesuit": "♠", "dag": "†", "ddag": "‡", "i": "ı",
        "o": "ø", "O": "Ø", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "ss": "ß", "l": "ł", "L": "Ł",
    ]

    /// Binary operators: spaced when they stand between two operands.
    static let operators: [String: String] = [
        "pm": "±", "mp": "∓", "times": "×", "div": "÷", "cdot": "·", "cdotp": "·", "ast": "∗", "minus": "−",
        "cup": "∪", "cap": "∩", "wedge": "∧", "land": "∧", "vee": "∨", "lor": "∨", "oplus": "⊕", "ominus": "⊖",
        "otimes": "⊗", "oslash": "⊘", "odot": "⊙", "setminus": "∖", "bigcup": "⋃", "bigcap": "⋂", "amalg": "⨿",
    ]

    /// Relations and arrows: always spaced at the baseline.
    static let relations: [String: String] = [
        "leq": "≤", "le": "≤", "geq": "≥", "ge": "≥", "neq": "≠", "ne": "≠", "approx": "≈", "sim": "∼",
        "simeq": "≃", "cong": "≅", "equiv": "≡", "propto": "∝", "ll": "≪", "gg": "≫", "in": "∈", "notin": "∉",
        "ni": "∋", "subset": "⊂", "supset": "⊃", "subseteq": "⊆", "supseteq": "⊇", "to": "→", "rightarrow": "→",
        "leftarrow": "←", "gets": "←", "leftrightarrow": "↔", "Rightarrow": "⇒", "Leftarrow": "⇐",
        "Leftrightarrow": "⇔", "implies": "⇒", "iff": "⇔", "uparrow": "↑", "downarrow": "↓", "mapsto": "↦",
        "longrightarrow": "⟶", "longleftarrow": "⟵", "perp": "⊥", "parallel": "∥", "mid": "∣", "vdash": "⊢",
        "models": "⊨", "prec": "≺", "succ": "≻", "preceq": "⪯", "succeq": "⪰", "lesssim": "≲", "gtrsim": "≳",
        "doteq": "≐", "asymp": "≍",
    ]

    /// Spacing commands.
    static let spaces: [String: String] = [
        ",": "\u{2009}", ":": " ", ";": " ", " ": " ", "!": "", "quad": "  ", "qquad": "    ", "\\": " ",
        "enspace": " ", "thinspace": "\u{2009}",
    ]

    /// Function names written upright, as the words they are.
    static let functions: Set<String> = [
        "sin", "cos", "tan", "cot", "sec", "csc", "arcsin", "arccos", "arctan", "sinh", "cosh", "tanh", "coth",
        "log", "ln", "lg", "exp", "max", "min", "sup", "inf", "lim", "limsup", "liminf", "det", "dim", "ker",
        "arg", "deg", "gcd", "hom", "Pr", "mod", "bmod",
    ]

    /// Font commands: their argument is drawn in the one font the SVG has.
    static let fonts: Set<String> = [
        "mathdefault", "mathrm", "mathit", "mathbf", "mathsf", "mathtt", "mathcal", "mathbb", "mathfrak",
        "mathscr", "mathregular", "boldsymbol", "text", "textrm", "textit", "textbf", "textsf", "texttt",
        "operatorname", "mbox", "rm", "it", "bf", "cal",
    ]

    /// Accents: a combining character after the argument.
    static let accents: [String: String] = [
        "hat": "\u{302}", "widehat": "\u{302}", "bar": "\u{304}", "overline": "\u{305}", "tilde": "\u{303}",
        "widetilde": "\u{303}", "vec": "\u{20D7}", "dot": "\u{307}", "ddot": "\u{308}", "acute": "\u{301}",
        "grave": "\u{300}", "breve": "\u{306}", "check": "\u{30C}", "underline": "\u{332}",
    ]
}
