# A code run that draws a chart: `daytona-swift sandbox run ID Examples/plot.py --charts charts`
# writes charts/chart-1.json, .svg and .png from what the sandbox returns.
import matplotlib.pyplot as plt

x = list(range(20))
plt.plot(x, [v * v for v in x], label="squares")
plt.plot(x, [10 * v for v in x], label="tens")
plt.title("Growth")
plt.xlabel("n")
plt.ylabel("value")
plt.legend()
plt.show()
print("drew one chart")
