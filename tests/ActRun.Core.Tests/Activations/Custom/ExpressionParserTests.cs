using ActRun.Core.Activations.Custom;

namespace ActRun.Core.Tests.Activations.Custom;

public class ExpressionParserTests
{
    [Theory]
    [InlineData("-x^2", 3f, -9f)]         // ^ binds tighter than unary minus
    [InlineData("(-x)^2", 3f, 9f)]
    [InlineData("-2^2", 0f, -4f)]
    [InlineData("2^3^2", 0f, 512f)]       // right-associative: 2^(3^2)
    [InlineData("(2^3)^2", 0f, 64f)]
    [InlineData("1-2-3", 0f, -4f)]        // left-associative
    [InlineData("8/2/2", 0f, 2f)]
    [InlineData("x/2*x", 4f, 8f)]
    [InlineData("1+2*x", 3f, 7f)]
    [InlineData("2^-x", 1f, 0.5f)]        // the exponent may carry its own minus
    [InlineData("-x*-x", 3f, 9f)]
    [InlineData("x--x", 3f, 6f)]
    [InlineData("+x", 3f, 3f)]
    [InlineData("1e-3*x", 1000f, 1f)]
    [InlineData(".5*x", 4f, 2f)]
    [InlineData("2*e", 0f, 5.43656365691809f)]  // e is the constant here, not an exponent
    [InlineData("pi", 0f, 3.14159265358979f)]
    public void Operators_follow_the_documented_precedence_and_associativity(string text, float x, float expected)
    {
        var activation = CustomActivation.Parse(text);

        Assert.Equal(expected, activation.Value(x), 5);
    }

    [Theory]
    [InlineData("x * sigmoid( 1.5 * x )", "x*sigmoid(1.5*x)")]
    [InlineData("-x^2", "-x^2")]
    [InlineData("(-x)^2", "(-x)^2")]
    [InlineData("2^3^2", "2^3^2")]
    [InlineData("(2^3)^2", "(2^3)^2")]
    [InlineData("(1-2)-3", "1-2-3")]
    [InlineData("1-(2-3)", "1-(2-3)")]
    [InlineData("1+(2+3)", "1+(2+3)")]
    [InlineData("x/(2*x)", "x/(2*x)")]
    [InlineData("(x/2)*x", "x/2*x")]
    [InlineData("-(x+1)", "-(x+1)")]
    [InlineData("(-x)*2", "-x*2")]
    [InlineData("-(x*2)", "-(x*2)")]
    [InlineData("2^(-x)", "2^-x")]
    [InlineData("2^(x+1)", "2^(x+1)")]
    [InlineData("((x))", "x")]
    [InlineData("+x", "x")]
    [InlineData("pow(x,0.5)", "pow(x, 0.5)")]
    [InlineData("max(x , 0.01*x)", "max(x, 0.01*x)")]
    [InlineData("1E-3*x", "0.001*x")]
    [InlineData("1e-7*x", "1e-07*x")]
    [InlineData("2.50*pi*e", "2.5*pi*e")]
    public void Canonical_text_is_compact_and_keeps_the_tree(string text, string canonical)
    {
        Assert.Equal(canonical, ExpressionParser.Parse(text).ToString());
    }

    [Theory]
    [InlineData("x*sigmoid(1.5*x)")]
    [InlineData("-x^2")]
    [InlineData("1-(2-3)")]
    [InlineData("2^-x^2")]
    [InlineData("x--x")]
    [InlineData("sign(x)*sqrt(abs(x))")]
    [InlineData("min(max(x, -1), 1)")]
    [InlineData("1e-07*x+1e+20")]
    [InlineData("erf(x/sqrt(2))*x/2+x/2")]
    public void Canonical_text_parses_back_to_the_same_text(string canonical)
    {
        string printed = ExpressionParser.Parse(canonical).ToString();

        Assert.Equal(canonical, printed);
        Assert.Equal(printed, ExpressionParser.Parse(printed).ToString());
    }

    [Theory]
    [InlineData("x*sigmoid(1.5*x", "column 16: expected ')'")]
    [InlineData("sigmod(x)", "column 1: unknown function 'sigmod'. Did you mean 'sigmoid'?")]
    [InlineData("x*tnah(x)", "column 3: unknown function 'tnah'. Did you mean 'tanh'?")]
    [InlineData("foo(x)", "column 1: unknown function 'foo'. Functions: exp, log, sqrt, abs, sign, sin, cos, tanh, sigmoid, softplus, relu, erf, min, max, pow")]
    [InlineData("x+y", "column 3: unknown identifier 'y' (the only variable is x)")]
    [InlineData("2*pie", "column 3: unknown identifier 'pie'. Did you mean 'pi'?")]
    [InlineData("x+", "column 3: expected a number, x, a function or '('")]
    [InlineData("", "column 1: expected a number, x, a function or '('")]
    [InlineData("x $ 2", "column 3: unexpected character '$'")]
    [InlineData("x)", "column 2: unexpected ')'")]
    [InlineData("2 x", "column 3: unexpected 'x'")]
    [InlineData("min(x)", "column 1: function 'min' takes 2 arguments, found 1")]
    [InlineData("x*exp(x, 1)", "column 3: function 'exp' takes 1 argument, found 2")]
    [InlineData("sigmoid*x", "column 1: function 'sigmoid' needs its arguments in parentheses: sigmoid(...)")]
    [InlineData("1e999*x", "column 1: number '1e999' is out of range")]
    public void Parse_errors_name_the_expression_and_the_column(string text, string detail)
    {
        var error = Assert.Throws<ConfigException>(() => CustomActivation.Parse(text));

        Assert.Equal($"Expression '{text}': {detail}", error.Message);
    }
}
