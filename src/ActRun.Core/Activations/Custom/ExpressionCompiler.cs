using System.Linq.Expressions;
using System.Reflection;
using ActRun.Core.Engine;

namespace ActRun.Core.Activations.Custom;

/// <summary>
/// Compiles a tree once into a <c>Func&lt;float, float&gt;</c> with System.Linq.Expressions. The input is
/// widened to double, everything is computed in double, and the result is rounded to float once at the end.
/// Each distinct call or power (by printed text) is computed once and reused, so sigmoid(1.5*x) in
/// x*sigmoid(1.5*x)'s derivative is evaluated a single time. Hoisting is safe because every function is pure
/// and cannot throw, even on the side of a branch that is not taken.
/// </summary>
internal sealed class ExpressionCompiler
{
    /// <summary>x^y is <see cref="DoubleMath.Pow"/> (the same bits on every machine), not Math.Pow.</summary>
    private static readonly MethodInfo PowMethod = typeof(DoubleMath).GetMethod(nameof(DoubleMath.Pow), [typeof(double), typeof(double)])!;

    private readonly ParameterExpression _x = Expression.Variable(typeof(double), "x");
    private readonly List<ParameterExpression> _variables = [];
    private readonly List<Expression> _statements = [];
    private readonly Dictionary<string, ParameterExpression> _shared = [];

    public static Func<float, float> Compile(ExpressionNode node)
    {
        var input = Expression.Parameter(typeof(float), "input");
        var compiler = new ExpressionCompiler();
        var result = compiler.Emit(node);
        var body = Expression.Block(
            typeof(float),
            [compiler._x, .. compiler._variables],
            [Expression.Assign(compiler._x, Expression.Convert(input, typeof(double))), .. compiler._statements, Expression.Convert(result, typeof(float))]);
        return Expression.Lambda<Func<float, float>>(body, input).Compile();
    }

    private Expression Emit(ExpressionNode node) => node switch
    {
        NumberNode n => Expression.Constant(n.Value),
        ConstantNode c => Expression.Constant(c.Value),
        VariableNode => _x,
        NegateNode n => Expression.Negate(Emit(n.Operand)),
        BinaryNode { Operator: BinaryOperator.Power } b => Shared(b, () => Expression.Call(PowMethod, Emit(b.Left), Emit(b.Right))),
        BinaryNode b => b.Operator switch
        {
            BinaryOperator.Add => Expression.Add(Emit(b.Left), Emit(b.Right)),
            BinaryOperator.Subtract => Expression.Subtract(Emit(b.Left), Emit(b.Right)),
            BinaryOperator.Multiply => Expression.Multiply(Emit(b.Left), Emit(b.Right)),
            _ => Expression.Divide(Emit(b.Left), Emit(b.Right)),
        },
        CallNode c => Shared(c, () => Expression.Call(c.Function.Method, c.Arguments.Select(Emit))),
        BranchNode b => Expression.Condition(Expression.LessThan(Emit(b.Left), Emit(b.Right)), Emit(b.IfLess), Emit(b.Otherwise)),
        _ => throw new InvalidOperationException($"Unknown node {node.GetType().Name}."),
    };

    private ParameterExpression Shared(ExpressionNode node, Func<Expression> emit)
    {
        string key = node.ToString();
        if (_shared.TryGetValue(key, out var existing)) return existing;
        var value = emit(); // emits the arguments' statements first, so they precede this one
        var variable = Expression.Variable(typeof(double));
        _variables.Add(variable);
        _statements.Add(Expression.Assign(variable, value));
        _shared[key] = variable;
        return variable;
    }
}
