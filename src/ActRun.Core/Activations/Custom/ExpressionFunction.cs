using System.Reflection;
using ActRun.Core.Engine;
using static ActRun.Core.Activations.Custom.Algebra;

namespace ActRun.Core.Activations.Custom;

/// <summary>
/// A function of the expression language: its value (a static double method the compiler calls) and its
/// derivative rule, side by side. A rule gets the arguments u and their derivatives u' and returns the
/// derivative of the call by the chain rule.
/// </summary>
internal sealed class ExpressionFunction
{
    private ExpressionFunction(string name, MethodInfo method, Func<ExpressionNode[], ExpressionNode[], ExpressionNode> derivative)
    {
        Name = name;
        Method = method;
        Arity = method.GetParameters().Length;
        Derivative = derivative;
    }

    public string Name { get; }
    public int Arity { get; }
    public MethodInfo Method { get; }
    public Func<ExpressionNode[], ExpressionNode[], ExpressionNode> Derivative { get; }

    public override string ToString() => Name;

    private static readonly double TwoOverSqrtPi = 2.0 / Math.Sqrt(Math.PI);

    /// <summary>exp(u)' = exp(u) u'.</summary>
    public static readonly ExpressionFunction Exp = Unary("exp", typeof(DoubleMath), nameof(DoubleMath.Exp), (u, du) => Multiply(Call(Exp!, u), du));

    /// <summary>log(u)' = u'/u (natural log; NaN for u &lt; 0, -inf at 0).</summary>
    public static readonly ExpressionFunction Log = Unary("log", typeof(DoubleMath), nameof(DoubleMath.Log), (u, du) => Divide(du, u));

    /// <summary>sqrt(u)' = u'/(2 sqrt(u)) (infinite at 0).</summary>
    public static readonly ExpressionFunction Sqrt = Unary("sqrt", typeof(Math), nameof(Math.Sqrt), (u, du) => Divide(du, Multiply(Number(2), Call(Sqrt!, u))));

    /// <summary>sign(u)' = 0, also at 0 where it jumps.</summary>
    public static readonly ExpressionFunction Sign = Unary("sign", typeof(ExpressionMath), nameof(ExpressionMath.Sign), (_, _) => Zero);

    /// <summary>abs(u)' = sign(u) u' (0 at the kink).</summary>
    public static readonly ExpressionFunction Abs = Unary("abs", typeof(Math), nameof(Math.Abs), (u, du) => Multiply(Call(Sign, u), du));

    /// <summary>cos(u)' = -sin(u) u'.</summary>
    public static readonly ExpressionFunction Cos = Unary("cos", typeof(DoubleMath), nameof(DoubleMath.Cos), (u, du) => Negate(Multiply(Call(Sin!, u), du)));

    /// <summary>sin(u)' = cos(u) u'.</summary>
    public static readonly ExpressionFunction Sin = Unary("sin", typeof(DoubleMath), nameof(DoubleMath.Sin), (u, du) => Multiply(Call(Cos, u), du));

    /// <summary>tanh(u)' = (1 - tanh(u)^2) u'.</summary>
    public static readonly ExpressionFunction Tanh = Unary("tanh", typeof(DoubleMath), nameof(DoubleMath.Tanh),
        (u, du) => Multiply(Subtract(One, Power(Call(Tanh!, u), Number(2))), du));

    /// <summary>
    /// sigmoid(u) = 1/(1+exp(-u)); sigmoid(u)' = sigmoid(u) sigmoid(-u) u', which is sigmoid (1 - sigmoid)
    /// without the cancellation that makes 1 - sigmoid(40) exactly 0.
    /// </summary>
    public static readonly ExpressionFunction Sigmoid = Unary("sigmoid", typeof(ExpressionMath), nameof(ExpressionMath.Sigmoid),
        (u, du) => Multiply(Multiply(Call(Sigmoid!, u), Call(Sigmoid!, Negate(u))), du));

    /// <summary>softplus(u) = log(1+exp(u)); softplus(u)' = sigmoid(u) u'.</summary>
    public static readonly ExpressionFunction Softplus = Unary("softplus", typeof(ExpressionMath), nameof(ExpressionMath.Softplus),
        (u, du) => Multiply(Call(Sigmoid, u), du));

    /// <summary>relu(u) = max(u, 0); relu(u)' = u' if u &gt; 0, else 0 (0 at the kink, as the built-in relu).</summary>
    public static readonly ExpressionFunction Relu = Unary("relu", typeof(ExpressionMath), nameof(ExpressionMath.Relu),
        (u, du) => Branch(Zero, u, du, Zero));

    /// <summary>erf(u)' = 2/sqrt(pi) exp(-u^2) u'.</summary>
    public static readonly ExpressionFunction Erf = Unary("erf", typeof(SpecialFunctions), nameof(SpecialFunctions.Erf),
        (u, du) => Multiply(Multiply(Number(TwoOverSqrtPi), Call(Exp, Negate(Power(u, Number(2))))), du));

    /// <summary>min(u, v)' = u' if u &lt; v, else v' (a tie takes the second argument's branch).</summary>
    public static readonly ExpressionFunction Min = Binary("min", typeof(Math), nameof(Math.Min),
        (a, d) => Branch(a[0], a[1], d[0], d[1]));

    /// <summary>max(u, v)' = u' if u &gt; v, else v' (a tie takes the second, so max(x, 0) matches relu at 0).</summary>
    public static readonly ExpressionFunction Max = Binary("max", typeof(Math), nameof(Math.Max),
        (a, d) => Branch(a[1], a[0], d[0], d[1]));

    /// <summary>pow(u, v) = u^v, with the same derivative as ^.</summary>
    public static readonly ExpressionFunction Pow = Binary("pow", typeof(DoubleMath), nameof(DoubleMath.Pow),
        (a, d) => PowerDerivative(a[0], a[1], d[0], d[1]));

    /// <summary>Every function by name: the one table the parser reads.</summary>
    public static readonly IReadOnlyDictionary<string, ExpressionFunction> ByName =
        new[] { Exp, Log, Sqrt, Abs, Sign, Sin, Cos, Tanh, Sigmoid, Softplus, Relu, Erf, Min, Max, Pow }.ToDictionary(f => f.Name);

    /// <summary>
    /// (u^v)' for the three cases: a constant exponent gives v u^(v-1) u' (so x^2 gives 2*x); a constant base
    /// gives u^v log(u) v'; otherwise u^v (v' log(u) + v u'/u).
    /// </summary>
    public static ExpressionNode PowerDerivative(ExpressionNode u, ExpressionNode v, ExpressionNode du, ExpressionNode dv)
    {
        if (IsNumber(dv, 0)) return Multiply(Multiply(v, Power(u, Subtract(v, One))), du);
        if (IsNumber(du, 0)) return Multiply(Multiply(Power(u, v), Call(Log, u)), dv);
        return Multiply(Power(u, v), Add(Multiply(dv, Call(Log, u)), Divide(Multiply(v, du), u)));
    }

    private static ExpressionFunction Unary(string name, Type type, string method, Func<ExpressionNode, ExpressionNode, ExpressionNode> rule) =>
        new(name, Find(type, method, 1), (a, d) => rule(a[0], d[0]));

    private static ExpressionFunction Binary(string name, Type type, string method, Func<ExpressionNode[], ExpressionNode[], ExpressionNode> rule) =>
        new(name, Find(type, method, 2), rule);

    private static MethodInfo Find(Type type, string name, int arity) =>
        type.GetMethod(name, BindingFlags.Public | BindingFlags.Static, Enumerable.Repeat(typeof(double), arity).ToArray())
        ?? throw new InvalidOperationException($"{type.Name}.{name}(double) not found.");
}
