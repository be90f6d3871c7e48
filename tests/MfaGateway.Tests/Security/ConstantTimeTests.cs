using MfaGateway.Security;

namespace MfaGateway.Tests.Security;

public sealed class ConstantTimeTests
{
    [Theory]
    [InlineData("", "", true)]
    [InlineData("a", "a", true)]
    [InlineData("a", "b", false)]
    [InlineData("abc", "abcd", false)]
    [InlineData("abcd", "abc", false)]
    public void Short_inputs_compare_by_value(string left, string right, bool expected) =>
        Assert.Equal(expected, ConstantTime.Equals(left, right));

    [Fact]
    public void A_single_difference_anywhere_in_a_long_value_is_found()
    {
        // Lengths around and across vector widths, a difference at every position (vector body and scalar tail).
        foreach (var length in new[] { 1, 7, 8, 15, 16, 17, 31, 32, 33, 63, 64, 65, 700, 1031 })
        {
            var value = new string([.. Enumerable.Range(0, length).Select(i => (char)('a' + (i % 26)))]);
            Assert.True(ConstantTime.Equals(value, new string(value.AsSpan())));
            for (var position = 0; position < length; position++)
            {
                var changed = value.ToCharArray();
                changed[position] = (char)(changed[position] ^ 0x100); // differs only in the high byte of one UTF-16 unit
                Assert.False(ConstantTime.Equals(value, changed), $"length {length}, position {position}");
            }
        }
    }
}
