public class Smoke { [Fact] public void Ok() => true.Should().BeTrue(); }
