using System.Collections.Concurrent;

namespace ActRun.Core.Activations.Custom;

/// <summary>
/// An activation written as an expression in x, e.g. <c>x*sigmoid(1.5*x)</c>: parsed once, differentiated
/// symbolically (exact, never finite differences) and compiled to delegates.
/// Its spec's name is the canonical expression text and it has no parameters, so the CSV label parses back
/// to the same activation.
/// Computation is in double with one rounding to float at the end: constants such as 0.1 keep their
/// double value, exp(x)^2 does not overflow before a division brings it back, and a custom twin of a
/// built-in (x*sigmoid(x) vs silu) agrees with it to float rounding. Speed is not the goal of this path.
/// </summary>
public sealed class CustomActivation : Activation
{
    // Compiling takes milliseconds; a sweep builds the same activation for every run.
    private static readonly ConcurrentDictionary<string, CustomActivation> Compiled = new();

    private readonly Func<float, float> _value;
    private readonly Func<float, float> _derivative;

    private CustomActivation(ExpressionNode expression)
    {
        var derivative = ExpressionDerivative.Of(expression);
        Spec = new ActivationSpec(expression.ToString());
        DerivativeText = derivative.ToString();
        IsIdentity = expression is VariableNode;
        _value = ExpressionCompiler.Compile(expression);
        _derivative = ExpressionCompiler.Compile(derivative);
    }

    /// <summary>Name: the canonical expression text. Parameters: none.</summary>
    public override ActivationSpec Spec { get; }

    /// <summary>The simplified symbolic derivative, for display (branches print as <c>(a&lt;b ? c : d)</c>, which does not parse).</summary>
    public string DerivativeText { get; }

    public override bool IsIdentity { get; }

    /// <summary>
    /// Parses, differentiates and compiles an expression in x.
    /// Throws <see cref="ConfigException"/> naming the column for a syntax error, an unknown function or identifier.
    /// </summary>
    public static CustomActivation Parse(string text)
    {
        var expression = ExpressionParser.Parse(text);
        return Compiled.GetOrAdd(expression.ToString(), static (_, e) => new CustomActivation(e), expression);
    }

    /// <summary>
    /// True for text meant as an expression rather than a registry name: it has the identifier x, or it has an
    /// operator (+ - * / ^) and every name in it is a function or constant of the expression language. A
    /// <c>name(key=value)</c> form never is. "relu", "elu(alpha=-1)" and "leaky-relu" (a misspelt name, which
    /// should get the registry's suggestion) are not expressions; "x", "relu(x)", "x*sigmoid(1.5*x)" and "2*e" are.
    /// </summary>
    public static bool LooksLikeExpression(string text)
    {
        if (text.Contains('=')) return false;
        bool hasOperator = false, allNamesKnown = true;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if ("+-*/^".Contains(c)) hasOperator = true;
            if (!ExpressionTokenizer.IsIdentifierStart(c)) continue;
            int end = i + 1;
            while (end < text.Length && ExpressionTokenizer.IsIdentifierPart(text[end])) end++;
            string name = text[i..end];
            if (name == "x") return true;
            allNamesKnown &= ExpressionParser.IsKnownName(name) || IsExponent(text, i);
            i = end - 1;
        }
        return hasOperator && allNamesKnown;
    }

    /// <summary>The e of 1e-3 is part of a number, not a name.</summary>
    private static bool IsExponent(string text, int i) =>
        i > 0 && (char.IsAsciiDigit(text[i - 1]) || text[i - 1] == '.') && (text[i] == 'e' || text[i] == 'E');

    /// <summary>f(x), computed in double and rounded once.</summary>
    public override float Value(float x) => _value(x);

    /// <summary>f'(x) from the compiled symbolic derivative; y is not needed.</summary>
    public override float Derivative(float x, float y) => _derivative(x);

    public override void Forward(ReadOnlySpan<float> z, Span<float> a, int columns, in ActivationContext context)
    {
        var f = _value;
        for (int i = 0; i < z.Length; i++) a[i] = f(z[i]);
    }

    public override void Backward(ReadOnlySpan<float> z, ReadOnlySpan<float> a, ReadOnlySpan<float> da, Span<float> dz, int columns)
    {
        var d = _derivative;
        for (int i = 0; i < z.Length; i++) dz[i] = da[i] * d(z[i]);
    }
}
