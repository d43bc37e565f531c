using ActRun.Core.Activations.Custom;
using static ActRun.Core.Activations.Custom.Algebra;

namespace ActRun.Core.Tests.Activations.Custom;

public class ExpressionRoundTripTests
{
    [Fact]
    public void Random_trees_print_to_text_that_parses_to_the_same_function()
    {
        // Raw nodes (not Algebra's simplifying constructors) so that every nesting of operators occurs,
        // including negative literals and negations in every operand position.
        var random = new Random(20261123);
        float[] points = [-1.7f, -0.4f, 0.3f, 1.1f, 2.6f];

        for (int trial = 0; trial < 2000; trial++)
        {
            var tree = RandomTree(random, depth: 4);
            string text = tree.ToString();

            var parsed = ExpressionParser.Parse(text);

            Assert.Equal(text, parsed.ToString());
            var expected = ExpressionCompiler.Compile(tree);
            var actual = ExpressionCompiler.Compile(parsed);
            foreach (float x in points)
                Assert.True(expected(x).Equals(actual(x)), $"{text} at {x}: tree {expected(x):R}, parsed {actual(x):R}");
        }
    }

    private static ExpressionNode RandomTree(Random random, int depth)
    {
        int choice = random.Next(depth <= 0 ? 4 : 9);
        return choice switch
        {
            0 => VariableNode.X,
            1 => Number(Math.Round(random.NextDouble() * 4, 2)),
            2 => Number(-Math.Round(random.NextDouble() * 4 + 0.01, 2)),
            3 => new ConstantNode("pi", Math.PI),
            4 => new NegateNode(RandomTree(random, depth - 1)),
            5 or 6 or 7 => new BinaryNode((BinaryOperator)random.Next(5), RandomTree(random, depth - 1), RandomTree(random, depth - 1)),
            _ => random.Next(2) == 0
                ? Call(ExpressionFunction.Tanh, RandomTree(random, depth - 1))
                : Call(ExpressionFunction.Max, RandomTree(random, depth - 1), RandomTree(random, depth - 1)),
        };
    }
}
